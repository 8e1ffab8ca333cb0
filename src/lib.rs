//! Report311: report street problems to a city's Open311 service, offline first.

mod app;
mod components;
mod pages;
mod pwa;
pub mod sync;

pub use app::App;
