//! The pipeline's output.

/// A photo ready to attach: an upright JPEG with no metadata, within the limits. `B` holds the
/// bytes: a `Vec<u8>` in Rust, a JavaScript `ArrayBuffer` while it is still in the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompressedPhoto<B = Vec<u8>> {
    /// The JPEG file.
    pub bytes: B,
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
}
