//! The two 12-megapixel phone photos, end to end.

use std::time::Instant;

use image::DynamicImage;

use super::fixtures::photo;
use super::judge::{assert_no_metadata, difference, grey};
use crate::capture::photo::header::{Format, inspect};
use crate::capture::photo::{PhotoLimits, Progress, Stage, native};

/// Small grey versions are compared: enough to see a wrong turn, blind to resampling details.
const THUMB_LONG: u32 = 64;
const THUMB_SHORT: u32 = 48;
/// Mean grey difference (0 to 255) under which two thumbnails show the same picture.
const SAME_PICTURE: f64 = 6.0;

struct Outcome {
    jpeg: Vec<u8>,
    width: u32,
    height: u32,
    decoded: DynamicImage,
    stages: Vec<Progress>,
}

fn compress_fixture(name: &str) -> Outcome {
    let input = photo(name);
    let mut stages = Vec::new();
    let started = Instant::now();
    let photo = native::compress(&input, &PhotoLimits::default(), |p| stages.push(p))
        .expect("a phone photo compresses");
    eprintln!(
        "{name}: {} bytes, {}x{}, {} encodes, {:?}",
        photo.bytes.len(),
        photo.width,
        photo.height,
        stages.iter().filter(|p| p.stage == Stage::Encoding).count(),
        started.elapsed()
    );
    let decoded = image::load_from_memory(&photo.bytes).expect("the output decodes");
    assert_eq!(
        (decoded.width(), decoded.height()),
        (photo.width, photo.height)
    );
    Outcome {
        jpeg: photo.bytes,
        width: photo.width,
        height: photo.height,
        decoded,
        stages,
    }
}

fn assert_within_limits(outcome: &Outcome) {
    let limits = PhotoLimits::default();
    assert_eq!(inspect(&outcome.jpeg).format, Some(Format::Jpeg));
    assert!(outcome.width.max(outcome.height) <= limits.max_long_edge);
    assert!(
        outcome.jpeg.len() <= limits.target_bytes,
        "{} bytes",
        outcome.jpeg.len()
    );
    assert_no_metadata(&outcome.jpeg);
}

#[test]
fn an_orientation_6_photo_comes_out_upright_in_portrait() {
    let outcome = compress_fixture("phone-12mp-orient6-gps.jpg");
    assert_within_limits(&outcome);
    assert_eq!((outcome.width, outcome.height), (1200, 1600));

    // The reference is made independently: decode, scale down, turn a quarter clockwise by hand.
    let original = image::load_from_memory(&photo("phone-12mp-orient6-gps.jpg")).unwrap();
    let stored = original.thumbnail_exact(THUMB_LONG * 4, THUMB_SHORT * 4);
    let upright = grey(&stored.rotate90(), THUMB_SHORT, THUMB_LONG);
    let output = grey(&outcome.decoded, THUMB_SHORT, THUMB_LONG);
    let same = difference(&output, &upright);
    assert!(
        same < SAME_PICTURE,
        "differs from the upright photo by {same:.1}"
    );

    // The comparison can tell: each wrong turn is far off.
    for (name, wrong) in [
        ("not turned", stored.clone()),
        ("turned anticlockwise", stored.rotate270()),
        ("mirrored", stored.rotate90().fliph()),
    ] {
        let off = difference(&output, &grey(&wrong, THUMB_SHORT, THUMB_LONG));
        assert!(
            off > 2.0 * same && off > SAME_PICTURE,
            "{name}: {off:.1}, upright: {same:.1}"
        );
    }
}

#[test]
fn an_orientation_1_photo_stays_landscape() {
    let outcome = compress_fixture("phone-12mp-orient1.jpg");
    assert_within_limits(&outcome);
    assert_eq!((outcome.width, outcome.height), (1600, 1200));

    let original = image::load_from_memory(&photo("phone-12mp-orient1.jpg")).unwrap();
    let reference = grey(&original, THUMB_LONG, THUMB_SHORT);
    let output = grey(&outcome.decoded, THUMB_LONG, THUMB_SHORT);
    let same = difference(&output, &reference);
    assert!(same < SAME_PICTURE, "differs from the photo by {same:.1}");
    let off = difference(
        &output,
        &grey(&original.rotate180(), THUMB_LONG, THUMB_SHORT),
    );
    assert!(off > 2.0 * same, "upside down: {off:.1}, as is: {same:.1}");

    assert_eq!(outcome.stages[0].stage, Stage::Decoding);
    assert!(
        outcome.stages[1..]
            .iter()
            .all(|p| p.stage == Stage::Encoding)
    );
    assert!(
        outcome
            .stages
            .windows(2)
            .all(|w| w[0].fraction < w[1].fraction && w[1].fraction < 1.0)
    );
}

#[test]
fn the_input_does_carry_the_metadata_that_must_go() {
    let input = photo("phone-12mp-orient6-gps.jpg");
    assert!(input.windows(6).any(|w| w == b"Exif\0\0"));
    assert_eq!(inspect(&input).orientation.exif(), 6);
}

#[test]
fn where_and_when_the_photo_was_taken_are_read_from_the_input() {
    for name in ["phone-12mp-orient6-gps.jpg", "phone-12mp-orient1.jpg"] {
        let header = inspect(&photo(name));
        let place = header.place.expect("the fixture carries GPS");
        // Downtown Chicago, as the fixtures' README says.
        assert!(
            (41.85..41.92).contains(&place.latitude),
            "{name}: {place:?}"
        );
        assert!(
            (-87.70..-87.60).contains(&place.longitude),
            "{name}: {place:?}"
        );
        assert!(header.taken_at.is_some(), "{name}");
    }
}
