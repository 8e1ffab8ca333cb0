//! ISO base media files (HEIC, AVIF, MP4, MOV): which of them a file is, from its `ftyp`
//! brands, and for images the size and rotation from the item properties (`ispe`, `irot`).

use super::Format;
use super::bytes::{Endian, array, has_at};
use crate::capture::photo::geometry::{Orientation, Size};

const AVIF_BRANDS: &[&[u8; 4]] = &[b"avif", b"avis"];
const HEIF_BRANDS: &[&[u8; 4]] = &[
    b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
];

/// Whether `data` starts with an `ftyp` box.
pub fn matches(data: &[u8]) -> bool {
    has_at(data, 4, b"ftyp")
}

/// What an ISOBMFF file holds, with its size and rotation when it is an image.
pub fn parse(data: &[u8]) -> (Format, Option<Size>, Orientation) {
    let mut boxes = Boxes::new(data);
    let format = boxes
        .next()
        .map_or(Format::Video, |(_, ftyp)| classify(ftyp));
    if format == Format::Video {
        return (format, None, Orientation::UPRIGHT);
    }
    let properties = child(boxes.rest, b"meta", 4)
        .and_then(|meta| child(meta, b"iprp", 0))
        .and_then(|iprp| child(iprp, b"ipco", 0))
        .unwrap_or_default();
    // A grid image lists one `ispe` per tile and one for the whole: the largest is the photo.
    let size = Boxes::new(properties)
        .filter(|(kind, _)| kind == b"ispe")
        .filter_map(|(_, body)| {
            let width = Endian::Big.u32(body, 4)?;
            let height = Endian::Big.u32(body, 8)?;
            (width > 0 && height > 0).then(|| Size::new(width, height))
        })
        .max_by_key(|size| size.pixels());
    let orientation = Boxes::new(properties)
        .find(|(kind, _)| kind == b"irot")
        .and_then(|(_, body)| body.first())
        .map(|angle| rotation(angle & 3))
        .unwrap_or_default();
    (format, size, orientation)
}

/// The major brand decides; the compatible brands settle files whose major brand is generic.
fn classify(ftyp: &[u8]) -> Format {
    let brands = ftyp
        .get(..4)
        .into_iter()
        .chain(ftyp.get(8..).unwrap_or_default().chunks_exact(4));
    brands
        .filter_map(|brand| {
            if AVIF_BRANDS.iter().any(|b| b[..] == *brand) {
                Some(Format::Avif)
            } else if HEIF_BRANDS.iter().any(|b| b[..] == *brand) {
                Some(Format::Heif)
            } else {
                None
            }
        })
        .next()
        .unwrap_or(Format::Video)
}

/// `irot` turns anticlockwise by quarters; as EXIF orientations: 90 is 8, 180 is 3, 270 is 6.
fn rotation(quarters: u8) -> Orientation {
    let exif = match quarters {
        1 => 8,
        2 => 3,
        3 => 6,
        _ => 1,
    };
    Orientation::from_exif(exif).unwrap_or_default()
}

/// The body of the first child box of kind `kind`, less `skip` leading bytes (4 for a full
/// box's version and flags).
fn child<'a>(data: &'a [u8], kind: &[u8; 4], skip: usize) -> Option<&'a [u8]> {
    Boxes::new(data)
        .find(|(k, _)| k == kind)
        .and_then(|(_, body)| body.get(skip..))
}

/// The boxes in `rest`, in order; a box that runs past the data is cut to what is there, and a
/// malformed length ends the walk.
struct Boxes<'a> {
    rest: &'a [u8],
}

impl<'a> Boxes<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self { rest: data }
    }
}

impl<'a> Iterator for Boxes<'a> {
    type Item = ([u8; 4], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let data = self.rest;
        let kind: [u8; 4] = array(data, 4)?;
        let (header, len) = match Endian::Big.u32(data, 0)? {
            0 => (8, data.len()),
            1 => (16, usize::try_from(Endian::Big.u64(data, 8)?).ok()?),
            len => (8, usize::try_from(len).ok()?),
        };
        if len < header {
            self.rest = &[];
            return None;
        }
        let end = len.min(data.len());
        self.rest = &data[end..];
        Some((kind, data.get(header..end).unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = u32::try_from(body.len() + 8)
            .unwrap()
            .to_be_bytes()
            .to_vec();
        out.extend(kind);
        out.extend(body);
        out
    }

    fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let mut body = major.to_vec();
        body.extend([0, 0, 0, 0]);
        compatible.iter().for_each(|b| body.extend(*b));
        boxed(b"ftyp", &body)
    }

    fn ispe(width: u32, height: u32) -> Vec<u8> {
        let mut body = vec![0, 0, 0, 0];
        body.extend(width.to_be_bytes());
        body.extend(height.to_be_bytes());
        boxed(b"ispe", &body)
    }

    fn heic(properties: &[u8]) -> Vec<u8> {
        let ipco = boxed(b"ipco", properties);
        let iprp = boxed(b"iprp", &ipco);
        let mut meta_body = vec![0, 0, 0, 0];
        meta_body.extend(boxed(b"hdlr", &[0; 12]));
        meta_body.extend(iprp);
        let mut file = ftyp(b"heic", &[b"mif1", b"heic"]);
        file.extend(boxed(b"meta", &meta_body));
        file
    }

    #[test]
    fn a_grid_heic_has_the_size_of_the_whole_and_its_rotation() {
        let mut properties = ispe(512, 512);
        properties.extend(ispe(4032, 3024));
        properties.extend(boxed(b"irot", &[3]));
        let file = heic(&properties);
        assert!(matches(&file));
        let (format, size, orientation) = parse(&file);
        assert_eq!(format, Format::Heif);
        assert_eq!(size, Some(Size::new(4032, 3024)));
        assert_eq!(orientation.exif(), 6);
    }

    #[test]
    fn brands_tell_images_from_videos() {
        assert_eq!(parse(&ftyp(b"avif", &[b"mif1"])).0, Format::Avif);
        assert_eq!(parse(&ftyp(b"mif1", &[b"heic"])).0, Format::Heif);
        assert_eq!(parse(&ftyp(b"isom", &[b"mp41", b"avc1"])).0, Format::Video);
        assert_eq!(parse(&ftyp(b"qt  ", &[])).0, Format::Video);
    }

    #[test]
    fn a_cut_file_keeps_its_format_and_loses_its_size() {
        let file = heic(&ispe(4032, 3024));
        let (format, size, _) = parse(&file[..file.len() - 2]);
        assert_eq!(format, Format::Heif);
        assert_eq!(size, None);
    }
}
