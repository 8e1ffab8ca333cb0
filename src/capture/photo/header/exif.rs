//! The few EXIF fields the pipeline reads from a photo's EXIF block (a TIFF structure) before
//! the output drops them all: the orientation, and where and when the photo was taken, which
//! the report form offers as the report's place.

use super::bytes::Endian;
use crate::capture::photo::geometry::Orientation;
use crate::geography::Point;

const ORIENTATION_TAG: u16 = 0x0112;
const EXIF_IFD_TAG: u16 = 0x8769;
const GPS_IFD_TAG: u16 = 0x8825;
const DATE_TIME_ORIGINAL_TAG: u16 = 0x9003;
const GPS_LATITUDE_REF_TAG: u16 = 1;
const GPS_LATITUDE_TAG: u16 = 2;
const GPS_LONGITUDE_REF_TAG: u16 = 3;
const GPS_LONGITUDE_TAG: u16 = 4;

const ASCII: u16 = 2;
const SHORT: u16 = 3;
const LONG: u16 = 4;
const RATIONAL: u16 = 5;
/// An offset to a directory, as some writers type their EXIF and GPS pointers.
const IFD: u16 = 13;
const ENTRY_LEN: usize = 12;

/// When a photo was taken, as its camera's clock read (EXIF keeps no time zone here: the
/// camera's local time, which is the person's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TakenAt {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

/// The orientation in IFD0 of `tiff` (the EXIF data after its `Exif\0\0` prefix), if present
/// and valid.
pub fn orientation(tiff: &[u8]) -> Option<Orientation> {
    let tiff = Tiff::new(tiff)?;
    tiff.find(tiff.ifd0, ORIENTATION_TAG)
        .filter(|entry| entry.kind == SHORT)
        .and_then(|entry| tiff.endian.u16(tiff.data, entry.inline_at))
        .and_then(Orientation::from_exif)
}

/// Where the photo was taken: the GPS position, if the camera wrote a valid one.
pub fn place(tiff: &[u8]) -> Option<Point> {
    let tiff = Tiff::new(tiff)?;
    let gps = tiff.pointer(tiff.ifd0, GPS_IFD_TAG)?;
    let latitude = tiff.degrees(gps, GPS_LATITUDE_TAG, GPS_LATITUDE_REF_TAG, b'N', b'S')?;
    let longitude = tiff.degrees(gps, GPS_LONGITUDE_TAG, GPS_LONGITUDE_REF_TAG, b'E', b'W')?;
    // A camera without a fix sometimes writes zeros; no street problem is at 0, 0.
    let valid =
        latitude.abs() <= 90.0 && longitude.abs() <= 180.0 && (latitude != 0.0 || longitude != 0.0);
    valid.then_some(Point {
        latitude,
        longitude,
    })
}

/// When the photo was taken (`DateTimeOriginal`), if the camera wrote a valid time.
pub fn taken_at(tiff: &[u8]) -> Option<TakenAt> {
    let tiff = Tiff::new(tiff)?;
    let exif = tiff.pointer(tiff.ifd0, EXIF_IFD_TAG)?;
    let text = tiff.ascii(tiff.find(exif, DATE_TIME_ORIGINAL_TAG)?)?;
    parse_date_time(text)
}

/// "YYYY:MM:DD HH:MM:SS", as EXIF writes times.
fn parse_date_time(text: &[u8]) -> Option<TakenAt> {
    let text = text.get(..19)?;
    let separators = [(4, b':'), (7, b':'), (10, b' '), (13, b':'), (16, b':')];
    if separators.iter().any(|&(at, c)| text[at] != c) {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u16> {
        text[from..to].iter().try_fold(0_u16, |value, &digit| {
            digit
                .is_ascii_digit()
                .then(|| value * 10 + u16::from(digit - b'0'))
        })
    };
    let small = |from, to| number(from, to).and_then(|n| u8::try_from(n).ok());
    let taken = TakenAt {
        year: number(0, 4)?,
        month: small(5, 7)?,
        day: small(8, 10)?,
        hour: small(11, 13)?,
        minute: small(14, 16)?,
        second: small(17, 19)?,
    };
    let valid = taken.year >= 1900
        && (1..=12).contains(&taken.month)
        && (1..=31).contains(&taken.day)
        && taken.hour < 24
        && taken.minute < 60
        && taken.second < 61;
    valid.then_some(taken)
}

/// A TIFF structure, read through bounds-checked reads only.
struct Tiff<'a> {
    data: &'a [u8],
    endian: Endian,
    ifd0: usize,
}

/// One directory entry: its tag, type, value count, and where a value of four bytes or fewer
/// sits (larger values are at the offset stored there).
#[derive(Clone, Copy)]
struct Entry {
    kind: u16,
    count: usize,
    inline_at: usize,
}

impl<'a> Tiff<'a> {
    fn new(data: &'a [u8]) -> Option<Self> {
        let endian = match data.get(..2)? {
            b"II" => Endian::Little,
            b"MM" => Endian::Big,
            _ => return None,
        };
        if endian.u16(data, 2)? != 42 {
            return None;
        }
        let ifd0 = usize::try_from(endian.u32(data, 4)?).ok()?;
        Some(Self { data, endian, ifd0 })
    }

    /// The entry with `tag` in the directory at `ifd`.
    fn find(&self, ifd: usize, tag: u16) -> Option<Entry> {
        let count = usize::from(self.endian.u16(self.data, ifd)?);
        // `ifd` is inside the data (its count was read), so these offsets cannot overflow.
        let at = (0..count)
            .map(|i| ifd + 2 + i * ENTRY_LEN)
            .take_while(|&entry| entry + ENTRY_LEN <= self.data.len())
            .find(|&entry| self.endian.u16(self.data, entry) == Some(tag))?;
        Some(Entry {
            kind: self.endian.u16(self.data, at + 2)?,
            count: usize::try_from(self.endian.u32(self.data, at + 4)?).ok()?,
            inline_at: at + 8,
        })
    }

    /// The directory a LONG pointer entry with `tag` points to.
    fn pointer(&self, ifd: usize, tag: u16) -> Option<usize> {
        let entry = self
            .find(ifd, tag)
            .filter(|entry| entry.kind == LONG || entry.kind == IFD)?;
        usize::try_from(self.endian.u32(self.data, entry.inline_at)?).ok()
    }

    /// Where an entry's value starts, given the size of one of its values.
    fn value_at(&self, entry: Entry, unit: usize) -> Option<usize> {
        if entry.count.checked_mul(unit)? <= 4 {
            Some(entry.inline_at)
        } else {
            usize::try_from(self.endian.u32(self.data, entry.inline_at)?).ok()
        }
    }

    /// An ASCII value, without its terminating NUL.
    fn ascii(&self, entry: Entry) -> Option<&'a [u8]> {
        if entry.kind != ASCII {
            return None;
        }
        let at = self.value_at(entry, 1)?;
        let text = self.data.get(at..at.checked_add(entry.count)?)?;
        Some(text.split(|&b| b == 0).next().unwrap_or(text))
    }

    /// Degrees, minutes and seconds (three RATIONALs) as signed degrees, by the reference
    /// letter: `positive` (N, E) or `negative` (S, W).
    fn degrees(
        &self,
        ifd: usize,
        tag: u16,
        ref_tag: u16,
        positive: u8,
        negative: u8,
    ) -> Option<f64> {
        let sign = match self.ascii(self.find(ifd, ref_tag)?)?.first()? {
            letter if *letter == positive => 1.0,
            letter if *letter == negative => -1.0,
            _ => return None,
        };
        let entry = self
            .find(ifd, tag)
            .filter(|entry| entry.kind == RATIONAL && entry.count == 3)?;
        let at = self.value_at(entry, 8)?;
        let mut parts = [0.0; 3];
        for (i, part) in parts.iter_mut().enumerate() {
            let numerator = self.endian.u32(self.data, at.checked_add(i * 8)?)?;
            let denominator = self.endian.u32(self.data, at.checked_add(i * 8 + 4)?)?;
            if denominator == 0 {
                return None;
            }
            *part = f64::from(numerator) / f64::from(denominator);
        }
        let [degrees, minutes, seconds] = parts;
        Some(sign * (degrees + minutes / 60.0 + seconds / 3_600.0))
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// Writes TIFF blocks field by field in either byte order.
    struct Writer {
        big_endian: bool,
        data: Vec<u8>,
    }

    impl Writer {
        fn new(big_endian: bool) -> Self {
            let mut data = if big_endian { b"MM" } else { b"II" }.to_vec();
            data.extend(if big_endian { [0, 42] } else { [42, 0] });
            Self { big_endian, data }
        }

        fn put(&mut self, value: u32, width: usize) {
            if self.big_endian {
                self.data.extend(&value.to_be_bytes()[4 - width..]);
            } else {
                self.data.extend(&value.to_le_bytes()[..width]);
            }
        }

        fn entry(&mut self, tag: u16, kind: u16, count: u32, value: u32, value_width: usize) {
            self.put(tag.into(), 2);
            self.put(kind.into(), 2);
            self.put(count, 4);
            self.put(value, value_width);
            self.put(0, 4 - value_width);
        }
    }

    /// A TIFF block with one IFD0 entry: the orientation tag with `value`.
    pub fn tiff_with_orientation(big_endian: bool, value: u16) -> Vec<u8> {
        let mut tiff = Writer::new(big_endian);
        tiff.put(8, 4);
        tiff.put(2, 2);
        // An unrelated tag first: the reader must look past it.
        tiff.entry(0x010F, ASCII, 4, u32::from_be_bytes(*b"ACME"), 4);
        tiff.entry(ORIENTATION_TAG, SHORT, 1, value.into(), 2);
        tiff.put(0, 4);
        if !big_endian {
            // The maker's name is bytes, not a number: keep them in reading order.
            tiff.data[18..22].copy_from_slice(b"ACME");
        }
        tiff.data
    }

    /// A TIFF block as phone cameras write it: IFD0 with pointers to an EXIF directory
    /// (holding `taken`) and a GPS directory (holding the position, as degrees, minutes and
    /// seconds with hundredths).
    pub fn tiff_with_place(
        big_endian: bool,
        (latitude, longitude): (f64, f64),
        taken: &str,
    ) -> Vec<u8> {
        let mut tiff = Writer::new(big_endian);
        // IFD0 at 8: two pointers. EXIF directory at 38: one entry. GPS directory at 56:
        // four entries. Then the values: the time at 110, the latitude at 130, the
        // longitude at 154.
        tiff.put(8, 4);
        tiff.put(2, 2);
        tiff.entry(EXIF_IFD_TAG, LONG, 1, 38, 4);
        tiff.entry(GPS_IFD_TAG, LONG, 1, 56, 4);
        tiff.put(0, 4);
        assert_eq!(tiff.data.len(), 38);
        tiff.put(1, 2);
        let taken_len = u32::try_from(taken.len() + 1).unwrap();
        tiff.entry(DATE_TIME_ORIGINAL_TAG, ASCII, taken_len, 110, 4);
        tiff.put(0, 4);
        assert_eq!(tiff.data.len(), 56);
        tiff.put(4, 2);
        let letter = |value: f64, positive: u8, negative: u8| {
            u32::from(if value < 0.0 { negative } else { positive })
        };
        for (tag, value, width) in [
            (GPS_LATITUDE_REF_TAG, letter(latitude, b'N', b'S'), 1),
            (GPS_LATITUDE_TAG, 130, 4),
            (GPS_LONGITUDE_REF_TAG, letter(longitude, b'E', b'W'), 1),
            (GPS_LONGITUDE_TAG, 154, 4),
        ] {
            let (kind, count) = if width == 1 {
                (ASCII, 2)
            } else {
                (RATIONAL, 3)
            };
            tiff.entry(tag, kind, count, value, width);
        }
        tiff.put(0, 4);
        assert_eq!(tiff.data.len(), 110);
        tiff.data.extend(taken.as_bytes());
        tiff.data.push(0);
        tiff.data.resize(130, 0);
        for value in [latitude, longitude] {
            let value = value.abs();
            let degrees = value.trunc();
            let minutes = ((value - degrees) * 60.0).trunc();
            let hundredths = ((value - degrees - minutes / 60.0) * 3_600.0 * 100.0).round();
            for (numerator, denominator) in [(degrees, 1.0), (minutes, 1.0), (hundredths, 100.0)] {
                // Whole numbers well inside u32.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                {
                    tiff.put(numerator as u32, 4);
                    tiff.put(denominator as u32, 4);
                }
            }
        }
        tiff.data
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

    #[test]
    fn reads_where_and_when_in_both_byte_orders_and_hemispheres() {
        for big_endian in [false, true] {
            for (latitude, longitude) in [(41.883_51, -87.633_09), (-33.856_78, 151.215_28)] {
                let tiff =
                    tiff_with_place(big_endian, (latitude, longitude), "2026:05:14 12:41:07");
                let point = place(&tiff).expect("a place");
                // Hundredths of a second of arc are about 0.3 m.
                assert!((point.latitude - latitude).abs() < 1e-5, "{point:?}");
                assert!((point.longitude - longitude).abs() < 1e-5, "{point:?}");
                assert_eq!(
                    taken_at(&tiff),
                    Some(TakenAt {
                        year: 2026,
                        month: 5,
                        day: 14,
                        hour: 12,
                        minute: 41,
                        second: 7
                    })
                );
            }
        }
    }

    #[test]
    fn no_gps_or_an_unset_position_or_time_is_none() {
        assert_eq!(place(&tiff_with_orientation(false, 6)), None);
        assert_eq!(taken_at(&tiff_with_orientation(false, 6)), None);
        let zeros = tiff_with_place(false, (0.0, 0.0), "0000:00:00 00:00:00");
        assert_eq!(place(&zeros), None);
        assert_eq!(taken_at(&zeros), None);
        let garbled = tiff_with_place(true, (41.9, -87.6), "2026-05-14 12:41:07");
        assert_eq!(taken_at(&garbled), None);
    }

    #[test]
    fn a_zero_denominator_or_a_bad_reference_letter_is_none() {
        let mut tiff = tiff_with_place(false, (41.9, -87.6), "2026:05:14 12:41:07");
        // The latitude's degrees denominator.
        tiff[134..138].copy_from_slice(&0u32.to_le_bytes());
        assert_eq!(place(&tiff), None);
        let mut tiff = tiff_with_place(false, (41.9, -87.6), "2026:05:14 12:41:07");
        // The latitude reference letter, inline in the first GPS entry.
        let at = 56 + 2 + 8;
        assert_eq!(tiff[at], b'N');
        tiff[at] = b'Q';
        assert_eq!(place(&tiff), None);
    }

    #[test]
    fn no_cut_of_a_block_with_a_place_panics() {
        let whole = tiff_with_place(true, (41.9, -87.6), "2026:05:14 12:41:07");
        for cut in 0..whole.len() {
            let _ = (place(&whole[..cut]), taken_at(&whole[..cut]));
        }
        assert!(place(&whole[..whole.len() - 1]).is_none());
    }
}
