//! Camera, location and photo compression.

pub mod location;
pub mod photo;
pub mod photo_place;
