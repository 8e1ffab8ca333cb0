//! The orientation tag of an EXIF block (a TIFF structure): the only EXIF field the
//! pipeline reads, since every other one is dropped from the output.

use super::bytes::Endian;
use crate::capture::photo::geometry::Orientation;

const ORIENTATION_TAG: u16 = 0x0112;
const SHORT: u16 = 3;
const ENTRY_LEN: usize = 12;

/// The orientation in IFD0 of `tiff` (the EXIF data after its `Exif\0\0` prefix), if present
/// and valid.
pub fn orientation(tiff: &[u8]) -> Option<Orientation> {
    let endian = match tiff.get(..2)? {
        b"II" => Endian::Little,
        b"MM" => Endian::Big,
        _ => return None,
    };
    if endian.u16(tiff, 2)? != 42 {
        return None;
    }
    let ifd = usize::try_from(endian.u32(tiff, 4)?).ok()?;
    let count = usize::from(endian.u16(tiff, ifd)?);
    // `ifd` is inside `tiff` (its count was read), so these offsets cannot overflow.
    (0..count)
        .map(|i| ifd + 2 + i * ENTRY_LEN)
        .take_while(|&entry| entry + ENTRY_LEN <= tiff.len())
        .find(|&entry| endian.u16(tiff, entry) == Some(ORIENTATION_TAG))
        .filter(|&entry| endian.u16(tiff, entry + 2) == Some(SHORT))
        .and_then(|entry| endian.u16(tiff, entry + 8))
        .and_then(Orientation::from_exif)
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A TIFF block with one IFD0 entry: the orientation tag with `value`.
    pub fn tiff_with_orientation(big_endian: bool, value: u16) -> Vec<u8> {
        let mut tiff = if big_endian { b"MM" } else { b"II" }.to_vec();
        // Fields as (value, width in bytes), written in the block's byte order.
        let fields: [(u32, usize); 13] = [
            (42, 2),
            (8, 4),
            (2, 2),
            // An unrelated tag first: the reader must look past it.
            (0x010F, 2),
            (2, 2),
            (4, 4),
            (u32::from_be_bytes(*b"ACME"), 4),
            (u32::from(ORIENTATION_TAG), 2),
            (u32::from(SHORT), 2),
            (1, 4),
            (u32::from(value), 2),
            (0, 2),
            (0, 4),
        ];
        for (field, width) in fields {
            if big_endian {
                tiff.extend(&field.to_be_bytes()[4 - width..]);
            } else {
                tiff.extend(&field.to_le_bytes()[..width]);
            }
        }
        tiff
    }

    #[test]
    fn reads_the_orientation_in_both_byte_orders() {
        for big_endian in [false, true] {
            for value in 1..=8 {
                let tiff = tiff_with_orientation(big_endian, value);
                assert_eq!(
                    orientation(&tiff).map(Orientation::exif),
                    Some(value as u8),
                    "value {value}, big endian {big_endian}"
                );
            }
        }
    }

    #[test]
    fn invalid_or_missing_orientations_are_none() {
        assert_eq!(orientation(&tiff_with_orientation(false, 0)), None);
        assert_eq!(orientation(&tiff_with_orientation(true, 9)), None);
        assert_eq!(orientation(b"II*\0"), None);
        assert_eq!(orientation(b"XX*\0\x08\0\0\0"), None);
        let whole = tiff_with_orientation(false, 6);
        for cut in 0..whole.len() - 4 {
            assert_eq!(orientation(&whole[..cut]), None, "cut at {cut}");
        }
    }

    #[test]
    fn a_wild_ifd_offset_is_none() {
        let mut tiff = tiff_with_orientation(false, 6);
        tiff[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(orientation(&tiff), None);
    }
}
