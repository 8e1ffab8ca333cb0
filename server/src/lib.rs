//! `open311-server`: a reference Open311 GeoReport v2 server backed by SQLite, serving
//! the API and, optionally, the built app.
//!
//! The binary only parses its command line and calls [`run`]. Being a library as well lets
//! the fuzz targets in `fuzz/` feed the request-body decoder exactly as the server runs it.

mod accept;
mod api;
mod app_files;
mod auth;
mod cli;
mod db;
mod etag;
mod geo;
mod geocoder;
pub mod logging;
mod media;
mod random;
mod routes;
mod seed;
mod start;
mod state;
mod testing;
mod tiles;

pub use api::body::{Received, read as read_create_body};
pub use cli::Cli;
pub use start::{StartError, run};
