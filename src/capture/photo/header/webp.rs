//! WebP: the size from the first chunk, in whichever of its three layouts (lossy VP8,
//! lossless VP8L, extended VP8X).

use super::bytes::{Endian, has_at};
use crate::capture::photo::geometry::Size;

const CHUNK_DATA: usize = 20;

/// Whether `data` is a RIFF container of WebP.
pub fn matches(data: &[u8]) -> bool {
    has_at(data, 0, b"RIFF") && has_at(data, 8, b"WEBP")
}

/// The canvas size, if the first chunk is one of the known layouts and intact.
pub fn size(data: &[u8]) -> Option<Size> {
    let le = Endian::Little;
    let (width, height) = match data.get(12..16)? {
        b"VP8 " if has_at(data, CHUNK_DATA + 3, &[0x9D, 0x01, 0x2A]) => (
            u32::from(le.u16(data, CHUNK_DATA + 6)? & 0x3FFF),
            u32::from(le.u16(data, CHUNK_DATA + 8)? & 0x3FFF),
        ),
        b"VP8L" if data.get(CHUNK_DATA) == Some(&0x2F) => {
            let bits = le.u32(data, CHUNK_DATA + 1)?;
            ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        b"VP8X" => (
            le.u24(data, CHUNK_DATA + 4)? + 1,
            le.u24(data, CHUNK_DATA + 7)? + 1,
        ),
        _ => return None,
    };
    (width > 0 && height > 0).then(|| Size::new(width, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn riff(chunk: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut webp = b"RIFF\0\0\0\0WEBP".to_vec();
        webp.extend(chunk);
        webp.extend(u32::try_from(body.len()).unwrap().to_le_bytes());
        webp.extend(body);
        webp
    }

    #[test]
    fn reads_all_three_layouts() {
        let lossy = riff(
            b"VP8 ",
            &[0, 0, 0, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01],
        );
        assert!(matches(&lossy));
        assert_eq!(size(&lossy), Some(Size::new(640, 480)));

        let bits: u32 = 639 | (479 << 14);
        let mut body = vec![0x2F];
        body.extend(bits.to_le_bytes());
        assert_eq!(size(&riff(b"VP8L", &body)), Some(Size::new(640, 480)));

        let extended = riff(b"VP8X", &[0, 0, 0, 0, 0x3F, 0x1F, 0, 0x69, 0x18, 0]);
        assert_eq!(size(&extended), Some(Size::new(8000, 6250)));
    }

    #[test]
    fn unknown_or_cut_chunks_have_no_size() {
        assert_eq!(size(&riff(b"ALPH", &[0; 10])), None);
        let lossy = riff(
            b"VP8 ",
            &[0, 0, 0, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01],
        );
        assert_eq!(size(&lossy[..lossy.len() - 1]), None);
    }
}
