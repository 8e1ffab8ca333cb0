//! Test photos, and independent ways of judging an output JPEG.

use std::path::PathBuf;

use image::imageops::FilterType;
use image::{DynamicImage, GrayImage};

/// The bytes of a shared test photo.
pub fn photo(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/photos")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("test photo {}: {e}", path.display()))
}

/// The markers of a JPEG's segments up to the image data, checking the JPEG structure on the
/// way (SOI first, then well-formed segments until SOS).
pub fn header_markers(jpeg: &[u8]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], [0xFF, 0xD8], "a JPEG starts with SOI");
    let mut markers = Vec::new();
    let mut at = 2;
    loop {
        assert_eq!(jpeg[at], 0xFF, "a marker at {at}");
        let marker = jpeg[at + 1];
        markers.push(marker);
        if marker == 0xDA {
            return markers;
        }
        let len = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        at += 2 + len;
    }
}

/// Asserts that `jpeg` is a JPEG carrying no metadata: no EXIF (APP1), no IPTC/Photoshop
/// (APP13), no "Exif" block anywhere.
pub fn assert_no_metadata(jpeg: &[u8]) {
    let markers = header_markers(jpeg);
    assert!(!markers.contains(&0xE1), "no APP1 segment: {markers:02X?}");
    assert!(!markers.contains(&0xED), "no APP13 segment: {markers:02X?}");
    assert!(
        !jpeg.windows(6).any(|w| w == b"Exif\0\0"),
        "no EXIF block anywhere"
    );
    assert!(jpeg.ends_with(&[0xFF, 0xD9]), "a JPEG ends with EOI");
}

/// A small grey version of `image`, `width` x `height`, for comparing pictures.
pub fn grey(image: &DynamicImage, width: u32, height: u32) -> GrayImage {
    image
        .resize_exact(width, height, FilterType::Triangle)
        .to_luma8()
}

/// The mean absolute difference of two grey images of one size, 0 to 255.
pub fn difference(a: &GrayImage, b: &GrayImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let total: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f64 / a.as_raw().len() as f64
}
