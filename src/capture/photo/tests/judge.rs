//! Independent ways of judging an output picture, and the pictures to judge, shared by the
//! native tests of the pipeline and its browser tests (which include this file).

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, GrayImage, ImageFormat, Rgba, RgbaImage};

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

/// A 40x30 picture, transparent all over but for an opaque red square in the middle.
pub fn red_square_on_nothing() -> RgbaImage {
    RgbaImage::from_fn(40, 30, |x, y| {
        if (10..30).contains(&x) && (5..25).contains(&y) {
            Rgba([220, 20, 20, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    })
}

/// `image` encoded in `format`.
pub fn encoded(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

/// Asserts that `jpeg`, made from [`red_square_on_nothing`], shows the square on white.
pub fn assert_flattened_on_white(width: u32, height: u32, jpeg: &[u8]) {
    assert_eq!((width, height), (40, 30), "never enlarged");
    let decoded = image::load_from_memory(jpeg).unwrap().to_rgb8();
    let corner = decoded.get_pixel(2, 2).0;
    assert!(
        corner.iter().all(|&c| c > 240),
        "white background: {corner:?}"
    );
    let centre = decoded.get_pixel(20, 15).0;
    assert!(
        centre[0] > 180 && centre[1] < 70 && centre[2] < 70,
        "red square: {centre:?}"
    );
}
