//! Bounds-checked reads of fixed-size integers: every header parser reads through these, so
//! a short or hostile file yields `None` instead of a panic.

/// The byte order of a multi-byte integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endian {
    /// Most significant byte first (JPEG, PNG, ISOBMFF, "MM" TIFF).
    Big,
    /// Least significant byte first (GIF, WebP, "II" TIFF).
    Little,
}

impl Endian {
    /// The 16-bit integer at `at`, if the data reaches that far.
    pub fn u16(self, data: &[u8], at: usize) -> Option<u16> {
        let bytes = array(data, at)?;
        Some(match self {
            Self::Big => u16::from_be_bytes(bytes),
            Self::Little => u16::from_le_bytes(bytes),
        })
    }

    /// The 24-bit integer at `at`, if the data reaches that far.
    pub fn u24(self, data: &[u8], at: usize) -> Option<u32> {
        let [a, b, c] = array(data, at)?;
        Some(match self {
            Self::Big => u32::from_be_bytes([0, a, b, c]),
            Self::Little => u32::from_le_bytes([a, b, c, 0]),
        })
    }

    /// The 32-bit integer at `at`, if the data reaches that far.
    pub fn u32(self, data: &[u8], at: usize) -> Option<u32> {
        let bytes = array(data, at)?;
        Some(match self {
            Self::Big => u32::from_be_bytes(bytes),
            Self::Little => u32::from_le_bytes(bytes),
        })
    }

    /// The 64-bit integer at `at`, if the data reaches that far.
    pub fn u64(self, data: &[u8], at: usize) -> Option<u64> {
        let bytes = array(data, at)?;
        Some(match self {
            Self::Big => u64::from_be_bytes(bytes),
            Self::Little => u64::from_le_bytes(bytes),
        })
    }
}

/// The `N` bytes at `at`, if the data reaches that far.
pub fn array<const N: usize>(data: &[u8], at: usize) -> Option<[u8; N]> {
    data.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// Whether `data` holds `expected` at `at`.
pub fn has_at(data: &[u8], at: usize, expected: &[u8]) -> bool {
    at.checked_add(expected.len())
        .and_then(|end| data.get(at..end))
        .is_some_and(|found| found == expected)
}
