//! What a file is, read from its first bytes only: the format by its magic bytes, the pixel
//! size and the orientation. The browser path reads no more than [`HEAD_BYTES`] of a photo into
//! wasm memory, so everything here must work on a prefix and never panic on any input.

mod bytes;
mod exif;
mod gif;
mod isobmff;
pub mod jpeg;
mod png;
mod webp;

use serde::{Deserialize, Serialize};

use super::geometry::{Orientation, Size};
use crate::geography::Point;
pub use exif::TakenAt;

/// How many leading bytes of a file are enough for [`inspect`] on real photos: EXIF comes
/// before the frame header, and an APP1 segment is at most 64 KB.
pub const HEAD_BYTES: usize = 128 * 1024;

/// A file format recognised by its magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// WebP.
    Webp,
    /// GIF.
    Gif,
    /// HEIF with HEVC inside, as iPhones save photos ("HEIC").
    Heif,
    /// AVIF.
    Avif,
    /// PDF: a document, not a photo.
    Pdf,
    /// An MP4 or QuickTime video.
    Video,
}

impl Format {
    /// The name people know the format by.
    pub fn name(self) -> &'static str {
        match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
            Self::Webp => "WebP",
            Self::Gif => "GIF",
            Self::Heif => "HEIC",
            Self::Avif => "AVIF",
            Self::Pdf => "PDF",
            Self::Video => "video",
        }
    }

    /// Whether the format holds a still image.
    pub fn is_image(self) -> bool {
        !matches!(self, Self::Pdf | Self::Video)
    }
}

/// What [`inspect`] learnt from the start of a file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Header {
    /// The format, if recognised.
    pub format: Option<Format>,
    /// The stored pixel size, if the header holds it within the bytes given.
    pub size: Option<Size>,
    /// How the stored pixels must be turned to be seen upright.
    pub orientation: Orientation,
    /// Where the photo was taken, if the camera wrote it (JPEG's EXIF).
    pub place: Option<Point>,
    /// When the photo was taken, if the camera wrote it (JPEG's EXIF).
    pub taken_at: Option<TakenAt>,
}

/// Reads the format, size and orientation from the first bytes of a file (the whole file or
/// a prefix of it).
pub fn inspect(head: &[u8]) -> Header {
    let (format, size, orientation) = if jpeg::matches(head) {
        let (size, orientation) = jpeg::parse(head);
        (Some(Format::Jpeg), size, orientation)
    } else if png::matches(head) {
        (Some(Format::Png), png::size(head), Orientation::UPRIGHT)
    } else if gif::matches(head) {
        (Some(Format::Gif), gif::size(head), Orientation::UPRIGHT)
    } else if webp::matches(head) {
        (Some(Format::Webp), webp::size(head), Orientation::UPRIGHT)
    } else if isobmff::matches(head) {
        let (format, size, orientation) = isobmff::parse(head);
        (Some(format), size, orientation)
    } else if head.starts_with(b"%PDF-") {
        (Some(Format::Pdf), None, Orientation::UPRIGHT)
    } else {
        (None, None, Orientation::UPRIGHT)
    };
    let tiff = jpeg::exif_block(head);
    Header {
        format,
        size,
        orientation,
        place: tiff.and_then(exif::place),
        taken_at: tiff.and_then(exif::taken_at),
    }
}

#[cfg(test)]
pub use jpeg::tests::jpeg_header;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_formats_by_magic_bytes() {
        let cases: &[(&[u8], Option<Format>)] = &[
            (&jpeg_header(8, 8, None), Some(Format::Jpeg)),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some(Format::Png)),
            (b"GIF87a\x01\0\x01\0", Some(Format::Gif)),
            (b"RIFF\0\0\0\0WEBPVP8 ", Some(Format::Webp)),
            (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", Some(Format::Heif)),
            (b"\0\0\0\x14ftypisom\0\0\x02\0mp41", Some(Format::Video)),
            (b"%PDF-1.7\n", Some(Format::Pdf)),
            (b"hello, world", None),
            (b"", None),
        ];
        for (bytes, expected) in cases {
            assert_eq!(inspect(bytes).format, *expected, "{bytes:?}");
        }
    }

    #[test]
    fn only_pdf_and_video_are_not_images() {
        assert!(Format::Heif.is_image());
        assert!(Format::Jpeg.is_image());
        assert!(!Format::Pdf.is_image());
        assert!(!Format::Video.is_image());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::{inspect, jpeg};
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
                inspect(&bytes);
                jpeg::is_complete(&bytes);
            }

            #[test]
            fn arbitrary_bytes_after_each_magic_never_panic(
                magic in prop::sample::select(vec![
                    &b"\xFF\xD8\xFF"[..],
                    b"\xFF\xD8\xFF\xE1\x00\x40Exif\0\0II*\0",
                    b"\xFF\xD8\xFF\xE1\x00\x40Exif\0\0MM\0*",
                    b"\x89PNG\r\n\x1a\n",
                    b"GIF89a",
                    b"RIFF\0\0\0\0WEBPVP8X",
                    b"RIFF\0\0\0\0WEBPVP8L",
                    b"\0\0\0\x10ftypheic\0\0\0\0",
                    b"\0\0\0\x01ftypavif",
                ]),
                tail in proptest::collection::vec(any::<u8>(), 0..512),
            ) {
                let mut bytes = magic.to_vec();
                bytes.extend(tail);
                inspect(&bytes);
                jpeg::is_complete(&bytes);
            }
        }
    }
}
