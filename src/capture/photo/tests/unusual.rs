//! Unusual but valid images: transparency, extreme proportions, small pictures.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, Rgba, RgbaImage};

use super::fixtures::assert_no_metadata;
use crate::capture::photo::{CompressedPhoto, PhotoLimits, native};

/// A 40x30 picture, transparent all over but for an opaque red square in the middle.
fn red_square_on_nothing() -> RgbaImage {
    RgbaImage::from_fn(40, 30, |x, y| {
        if (10..30).contains(&x) && (5..25).contains(&y) {
            Rgba([220, 20, 20, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    })
}

fn encoded(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

fn compress(bytes: &[u8]) -> CompressedPhoto {
    let photo = native::compress(bytes, &PhotoLimits::default(), |_| {}).expect("compresses");
    assert_no_metadata(&photo.bytes);
    photo
}

fn assert_flattened_on_white(photo: &CompressedPhoto) {
    assert_eq!((photo.width, photo.height), (40, 30), "never enlarged");
    let decoded = image::load_from_memory(&photo.bytes).unwrap().to_rgb8();
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

#[test]
fn a_transparent_png_is_flattened_onto_white() {
    let png = encoded(red_square_on_nothing().into(), ImageFormat::Png);
    assert_flattened_on_white(&compress(&png));
}

#[test]
fn a_transparent_gif_is_flattened_onto_white() {
    let gif = encoded(red_square_on_nothing().into(), ImageFormat::Gif);
    assert_flattened_on_white(&compress(&gif));
}

#[test]
fn half_transparent_pixels_are_blended_with_white() {
    let image = RgbaImage::from_pixel(8, 8, Rgba([0, 0, 0, 128]));
    let photo = compress(&encoded(image.into(), ImageFormat::Png));
    let decoded = image::load_from_memory(&photo.bytes).unwrap().to_rgb8();
    let grey = decoded.get_pixel(4, 4).0;
    assert!(grey.iter().all(|&c| (118..=138).contains(&c)), "{grey:?}");
}

#[test]
fn a_1_by_20000_strip_becomes_1_by_1600() {
    let strip = DynamicImage::ImageRgb8(image::RgbImage::from_fn(1, 20_000, |_, y| {
        image::Rgb([(y % 256) as u8, 100, 200])
    }));
    let photo = compress(&encoded(strip, ImageFormat::Png));
    assert_eq!((photo.width, photo.height), (1, 1600));
    let decoded = image::load_from_memory(&photo.bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1, 1600));
}

#[test]
fn a_webp_is_read() {
    let picture = DynamicImage::ImageRgb8(image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, 90])
    }));
    let photo = compress(&encoded(picture, ImageFormat::WebP));
    assert_eq!((photo.width, photo.height), (64, 48));
}
