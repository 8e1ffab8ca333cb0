//! JPEG: the frame size from the first SOF segment, the orientation from the EXIF APP1
//! segment, and whether the file is complete, walking segment lengths (the compressed data is
//! only skipped over, never decoded).

use super::bytes::{Endian, has_at};
use super::exif;
use crate::capture::photo::geometry::{Orientation, Size};

const APP1: u8 = 0xE1;
const SOS: u8 = 0xDA;
const EOI: u8 = 0xD9;
const EXIF_PREFIX: &[u8] = b"Exif\0\0";

/// Whether `data` starts like a JPEG (SOI, then a marker).
pub fn matches(data: &[u8]) -> bool {
    data.starts_with(&[0xFF, 0xD8, 0xFF])
}

/// The frame size (if a valid SOF segment comes before the image data, within `data`) and the
/// EXIF orientation (upright when absent).
pub fn parse(data: &[u8]) -> (Option<Size>, Orientation) {
    let size = header_segments(data)
        .find_map(|(marker, body)| is_frame_header(marker).then(|| frame_size(body)))
        .flatten();
    let orientation = exif_block(data).and_then(exif::orientation);
    (size, orientation.unwrap_or_default())
}

/// The EXIF data (a TIFF structure) of the first EXIF APP1 segment before the image data.
pub fn exif_block(data: &[u8]) -> Option<&[u8]> {
    header_segments(data)
        .find(|&(marker, body)| marker == APP1 && has_at(body, 0, EXIF_PREFIX))
        .map(|(_, body)| &body[EXIF_PREFIX.len()..])
}

/// The segments before the image data.
fn header_segments(data: &[u8]) -> impl Iterator<Item = (u8, &[u8])> {
    Segments::new(data).take_while(|&(marker, _)| marker != SOS && marker != EOI)
}

/// Whether the whole of `data` reaches the end-of-image marker through well-formed segments
/// and scans: a file cut short fails, data appended after the image (as motion photos have)
/// does not matter.
pub fn is_complete(data: &[u8]) -> bool {
    Segments::new(data).any(|(marker, _)| marker == EOI)
}

fn frame_size(body: &[u8]) -> Option<Size> {
    let height = Endian::Big.u16(body, 1)?;
    let width = Endian::Big.u16(body, 3)?;
    (width > 0 && height > 0).then(|| Size::new(width.into(), height.into()))
}

/// SOF0 to SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range.
fn is_frame_header(marker: u8) -> bool {
    matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

/// The markers after SOI and their segment bodies (empty for standalone markers; cut to the
/// data available). Entropy-coded data after each SOS is skipped. Ends at the end of the data
/// or at anything malformed.
struct Segments<'a> {
    data: &'a [u8],
    at: usize,
    in_scan: bool,
}

impl<'a> Segments<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self {
            data,
            at: 2,
            in_scan: false,
        }
    }

    /// Moves past entropy-coded data: there, 0xFF is followed by 0x00 (a stuffed byte) or by a
    /// restart marker, and anything else after 0xFF is the next segment's marker.
    fn skip_scan(&mut self) -> Option<()> {
        loop {
            match (self.data.get(self.at)?, self.data.get(self.at + 1)) {
                (0xFF, Some(0x00 | 0xD0..=0xD7)) => self.at += 2,
                (0xFF, Some(_)) => return Some(()),
                _ => self.at += 1,
            }
        }
    }
}

impl<'a> Iterator for Segments<'a> {
    type Item = (u8, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let data = self.data;
        if std::mem::take(&mut self.in_scan) {
            self.skip_scan()?;
        }
        if data.get(self.at) != Some(&0xFF) {
            return None;
        }
        // A marker may be preceded by any number of 0xFF fill bytes.
        while data.get(self.at) == Some(&0xFF) {
            self.at += 1;
        }
        let marker = *data.get(self.at)?;
        self.at += 1;
        if matches!(marker, 0x01 | 0xD0..=0xD9) {
            return Some((marker, &[]));
        }
        let len = usize::from(Endian::Big.u16(data, self.at)?);
        if len < 2 {
            return None;
        }
        let body = data.get(self.at + 2..(self.at + len).min(data.len()))?;
        self.at += len;
        self.in_scan = marker == SOS;
        Some((marker, body))
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::capture::photo::header::exif::tests::tiff_with_orientation;

    /// A JPEG header (no image data) claiming `width` x `height`, with an EXIF orientation.
    pub fn jpeg_header(width: u16, height: u16, orientation: Option<u16>) -> Vec<u8> {
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend([0xFF, 0xE0, 0x00, 0x10]);
        jpeg.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        if let Some(value) = orientation {
            let mut body = EXIF_PREFIX.to_vec();
            body.extend(tiff_with_orientation(true, value));
            jpeg.extend([0xFF, APP1]);
            jpeg.extend(u16::try_from(body.len() + 2).unwrap().to_be_bytes());
            jpeg.extend(body);
        }
        jpeg.extend([0xFF, 0xFF, 0xC0, 0x00, 0x11, 0x08]);
        jpeg.extend(height.to_be_bytes());
        jpeg.extend(width.to_be_bytes());
        jpeg.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        jpeg.extend([0xFF, SOS, 0x00, 0x0C]);
        jpeg
    }

    #[test]
    fn reads_size_and_orientation() {
        let jpeg = jpeg_header(4032, 3024, Some(6));
        assert!(matches(&jpeg));
        let (size, orientation) = parse(&jpeg);
        assert_eq!(size, Some(Size::new(4032, 3024)));
        assert_eq!(orientation.exif(), 6);
    }

    #[test]
    fn no_exif_means_upright() {
        let (size, orientation) = parse(&jpeg_header(640, 480, None));
        assert_eq!(size, Some(Size::new(640, 480)));
        assert_eq!(orientation, Orientation::UPRIGHT);
    }

    #[test]
    fn a_header_cut_before_the_frame_has_no_size() {
        let jpeg = jpeg_header(640, 480, Some(3));
        let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        for cut in 2..sof + 9 {
            assert_eq!(parse(&jpeg[..cut]).0, None, "cut at {cut}");
        }
    }

    #[test]
    fn scan_data_before_a_frame_header_has_no_size() {
        assert_eq!(parse(&[0xFF, 0xD8, 0xFF, SOS, 0, 2, 0xFF, 0xC0]).0, None);
        assert_eq!(parse(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 1, 0, 0]).0, None);
    }

    #[test]
    fn a_file_is_complete_when_its_scans_reach_the_end_marker() {
        let mut jpeg = jpeg_header(16, 16, None);
        jpeg.extend([0x03, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0]);
        // Scan data with a stuffed 0xFF and a restart marker, then a second scan, then EOI.
        jpeg.extend([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        jpeg.extend([0xFF, SOS, 0x00, 0x03, 0x00, 0x78, 0xFF, EOI]);
        assert!(is_complete(&jpeg));
        for cut in 0..jpeg.len() - 1 {
            assert!(!is_complete(&jpeg[..cut]), "cut at {cut}");
        }
        jpeg.extend(b"\0\0\0\x18ftypmp42 appended video");
        assert!(is_complete(&jpeg));
    }

    #[test]
    fn zero_dimensions_are_no_size() {
        assert_eq!(parse(&jpeg_header(0, 480, None)).0, None);
    }
}
