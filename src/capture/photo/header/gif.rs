//! GIF: the size of the logical screen, which every frame is drawn into.

use super::bytes::Endian;
use crate::capture::photo::geometry::Size;

/// Whether `data` starts with a GIF signature.
pub fn matches(data: &[u8]) -> bool {
    data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a")
}

/// The logical screen size, if present and not empty.
pub fn size(data: &[u8]) -> Option<Size> {
    let width = Endian::Little.u16(data, 6)?;
    let height = Endian::Little.u16(data, 8)?;
    (width > 0 && height > 0).then(|| Size::new(width.into(), height.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_logical_screen_size() {
        let gif = b"GIF89a\x40\x01\xF0\x00";
        assert!(matches(gif));
        assert_eq!(size(gif), Some(Size::new(320, 240)));
        assert_eq!(size(&gif[..9]), None);
    }
}
