//! The pipeline's output.

use crate::capture::photo_place::PhotoPlace;

/// A photo ready to attach: an upright JPEG with no metadata, within the limits. `B` holds the
/// bytes: a `Vec<u8>` in Rust, a JavaScript `ArrayBuffer` while it is still in the browser.
#[derive(Debug, Clone, PartialEq)]
pub struct CompressedPhoto<B = Vec<u8>> {
    /// The JPEG file.
    pub bytes: B,
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// Where the original was taken, read from its metadata (which the JPEG no longer has),
    /// to offer as the report's place.
    pub place: Option<PhotoPlace>,
}
