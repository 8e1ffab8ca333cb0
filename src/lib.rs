//! Report311: report street problems to a city's Open311 service, offline first.

pub mod address;
mod app;
pub mod backoff;
pub mod capture;
pub mod catalogue;
pub mod client;
mod components;
pub mod config;
pub mod geography;
pub mod map;
pub mod nearby;
pub mod outbox;
mod pages;
mod paths;
pub mod platform;
mod pwa;
pub mod report;
mod session;
pub mod store;
mod time;
pub mod tracker;
pub mod user_message;

pub use app::App;
