//! Files that must be refused with a clear error, never a panic.

use super::fixtures::photo;
use crate::capture::photo::header::{Format, jpeg_header};
use crate::capture::photo::{PhotoError, PhotoLimits, native};
use crate::user_message::UserMessage;

fn compress(bytes: &[u8]) -> Result<(), PhotoError> {
    native::compress(bytes, &PhotoLimits::default(), |_| {}).map(|_| ())
}

#[test]
fn an_empty_file() {
    assert_eq!(compress(b""), Err(PhotoError::Empty));
}

#[test]
fn a_truncated_jpeg() {
    let whole = photo("phone-12mp-orient1.jpg");
    for keep in [whole.len() / 2, 4096, 300] {
        assert_eq!(
            compress(&whole[..keep]),
            Err(PhotoError::Corrupt),
            "first {keep} bytes"
        );
    }
}

#[test]
fn random_bytes() {
    // A fixed linear congruential sequence: random-looking, the same on every run.
    let mut state: u32 = 0x2545_F491;
    let bytes: Vec<u8> = (0..10_000)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            state.to_be_bytes()[0]
        })
        .collect();
    assert_eq!(
        compress(&bytes),
        Err(PhotoError::NotAnImage { detected: None })
    );
}

#[test]
fn a_pdf_named_like_a_photo() {
    // Only the bytes count: "scan.jpg" or not, this is a PDF.
    let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    assert_eq!(
        compress(pdf),
        Err(PhotoError::NotAnImage {
            detected: Some(Format::Pdf)
        })
    );
}

#[test]
fn a_video() {
    let mp4 = b"\0\0\0\x20ftypisom\0\0\x02\0isomiso2avc1mp41\0\0\0\x08free";
    assert_eq!(
        compress(mp4),
        Err(PhotoError::NotAnImage {
            detected: Some(Format::Video)
        })
    );
}

#[test]
fn a_heic_photo() {
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\x08meta";
    assert_eq!(
        compress(heic),
        Err(PhotoError::Unsupported {
            format: Format::Heif
        })
    );
}

#[test]
fn a_jpeg_header_claiming_50_megapixels_is_refused_before_decoding() {
    // Only a header: decoding would fail as Corrupt, so TooLarge proves the header decided.
    let header = jpeg_header(8000, 6250, None);
    let refused = compress(&header);
    assert_eq!(refused, Err(PhotoError::TooLarge { megapixels: 50 }));
    assert_eq!(
        refused.unwrap_err().user_message(),
        "This photo is too large (50 megapixels). Choose a smaller one or take it at a lower \
         resolution."
    );
}

#[test]
fn a_png_header_claiming_50_megapixels_is_refused_before_decoding() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(8000u32.to_be_bytes());
    png.extend(6250u32.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(compress(&png), Err(PhotoError::TooLarge { megapixels: 50 }));
}

#[test]
fn a_lower_limit_is_obeyed() {
    let limits = PhotoLimits {
        max_megapixels: 12,
        ..PhotoLimits::default()
    };
    assert_eq!(
        native::compress(&photo("phone-12mp-orient1.jpg"), &limits, |_| {}).map(|_| ()),
        Err(PhotoError::TooLarge { megapixels: 13 })
    );
}
