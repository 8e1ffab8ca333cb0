//! Report311: report street problems to a city's Open311 service, offline first.

mod app;
mod components;
mod pages;

pub use app::App;
