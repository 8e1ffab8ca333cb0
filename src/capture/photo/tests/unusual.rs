//! Unusual but valid images: transparency, extreme proportions, small pictures.

use image::{DynamicImage, ImageFormat, Rgba, RgbaImage};

use super::judge::{assert_flattened_on_white, assert_no_metadata, encoded, red_square_on_nothing};
use crate::capture::photo::{CompressedPhoto, PhotoLimits, native};

fn compress(bytes: &[u8]) -> CompressedPhoto {
    let photo = native::compress(bytes, &PhotoLimits::default(), |_| {}).expect("compresses");
    assert_no_metadata(&photo.bytes);
    photo
}

#[test]
fn a_transparent_png_is_flattened_onto_white() {
    let png = encoded(red_square_on_nothing().into(), ImageFormat::Png);
    let photo = compress(&png);
    assert_flattened_on_white(photo.width, photo.height, &photo.bytes);
}

#[test]
fn a_transparent_gif_is_flattened_onto_white() {
    let gif = encoded(red_square_on_nothing().into(), ImageFormat::Gif);
    let photo = compress(&gif);
    assert_flattened_on_white(photo.width, photo.height, &photo.bytes);
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
