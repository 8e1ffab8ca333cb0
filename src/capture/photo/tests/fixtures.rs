//! The shared test photos.

use std::path::PathBuf;

/// The bytes of a shared test photo.
pub fn photo(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/photos")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("test photo {}: {e}", path.display()))
}
