//! Camera, location and photo compression.

pub mod location;
pub mod photo;
