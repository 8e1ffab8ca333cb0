//! Report311: report street problems to a city's Open311 service, offline first.

mod app;
pub mod client;
mod components;
pub mod config;
mod pages;
mod pwa;
pub mod store;
pub mod sync;

pub use app::App;
