//! PNG: the size from the IHDR chunk, which the format requires first.

use super::bytes::{Endian, has_at};
use crate::capture::photo::geometry::Size;

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Whether `data` starts with the PNG signature.
pub fn matches(data: &[u8]) -> bool {
    data.starts_with(SIGNATURE)
}

/// The image size, if the IHDR chunk is intact.
pub fn size(data: &[u8]) -> Option<Size> {
    if !has_at(data, 12, b"IHDR") {
        return None;
    }
    let width = Endian::Big.u32(data, 16)?;
    let height = Endian::Big.u32(data, 20)?;
    (width > 0 && height > 0).then(|| Size::new(width, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ihdr_size() {
        let mut png = SIGNATURE.to_vec();
        png.extend([0, 0, 0, 13]);
        png.extend(b"IHDR");
        png.extend(8000u32.to_be_bytes());
        png.extend(6250u32.to_be_bytes());
        assert!(matches(&png));
        assert_eq!(size(&png), Some(Size::new(8000, 6250)));
        assert_eq!(size(&png[..23]), None);
    }
}
