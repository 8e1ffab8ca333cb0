//! Report311: report street problems to a city's Open311 service, offline first.

mod app;
pub mod capture;
pub mod catalogue;
pub mod client;
mod components;
pub mod config;
pub mod nearby;
pub mod outbox;
mod pages;
mod paths;
mod pwa;
mod scope;
mod session;
pub mod store;
pub mod sync;
mod time;
mod timer;
pub mod tracker;

pub use app::App;
