//! Photo compression: any photo a person picks becomes an upright JPEG of bounded size and
//! pixel count, with every piece of metadata (GPS, camera, time) removed.
//!
//! In the app, [`compress`] hands the file to a web worker, started with the first photo. The
//! worker prefers the browser's own decoder, resizer and encoder ([`browser`]: wasm memory
//! only ever holds the file's header), and falls back to the pure Rust pipeline ([`native`])
//! where the browser lacks them. Both obey the same [`PhotoLimits`] through the same header
//! checks and the same quality search.

mod admission;
pub mod browser;
mod compressed;
mod compressor;
mod error;
pub mod geometry;
pub mod header;
mod limits;
pub mod native;
mod progress;
pub mod protocol;
pub mod quality;
pub mod worker;

pub use compressed::CompressedPhoto;
pub use compressor::compress;
pub use error::PhotoError;
pub use limits::PhotoLimits;
pub use progress::{Progress, Stage};

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
