//! Pixel sizes: how EXIF orientation turns them and how the long-edge limit shrinks them.

use serde::{Deserialize, Serialize};

/// A width and a height in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Size {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
}

impl Size {
    /// A size of `width` by `height` pixels.
    pub const fn new(width: u32, height: u32) -> Self {
        Self { width, height }
    }

    /// The number of pixels.
    pub fn pixels(self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }

    /// Millions of pixels, rounded up so that a photo just over a limit never reads as at it.
    pub fn megapixels(self) -> u32 {
        u32::try_from(self.pixels().div_ceil(1_000_000)).unwrap_or(u32::MAX)
    }

    /// The size as displayed once `orientation` is applied.
    pub fn oriented(self, orientation: Orientation) -> Self {
        if orientation.swaps_axes() {
            Self::new(self.height, self.width)
        } else {
            self
        }
    }

    /// The largest size with the same proportions whose long edge is at most `max_long_edge`:
    /// never larger than `self`, never 0 on either side.
    pub fn fit_long_edge(self, max_long_edge: u32) -> Self {
        let long = self.width.max(self.height);
        let max = max_long_edge.max(1);
        if long <= max {
            return self;
        }
        let edge = |side: u32| {
            let scaled = (u64::from(side) * u64::from(max) + u64::from(long) / 2) / u64::from(long);
            u32::try_from(scaled).unwrap_or(max).max(1)
        };
        Self::new(edge(self.width), edge(self.height))
    }

    /// Both sides multiplied by `factor` (expected in 0..1), never 0.
    pub fn scaled(self, factor: f64) -> Self {
        // `as` saturates, and the factor is at most 1 in use, so the result fits.
        let edge = |side: u32| ((f64::from(side) * factor).round() as u32).max(1);
        Self::new(edge(self.width), edge(self.height))
    }
}

/// How a stored image must be turned to be seen upright: the EXIF orientation value, 1 to 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Orientation(u8);

impl Orientation {
    /// Stored as displayed (EXIF value 1).
    pub const UPRIGHT: Self = Self(1);

    /// The orientation for an EXIF value, or `None` if the value is not one of 1 to 8.
    pub fn from_exif(value: u16) -> Option<Self> {
        u8::try_from(value)
            .ok()
            .filter(|v| (1..=8).contains(v))
            .map(Self)
    }

    /// The EXIF value, 1 to 8.
    pub fn exif(self) -> u8 {
        self.0
    }

    /// Whether displaying the image exchanges its width and height (values 5 to 8 turn it a
    /// quarter, with or without a mirror).
    pub fn swaps_axes(self) -> bool {
        self.0 >= 5
    }
}

impl Default for Orientation {
    fn default() -> Self {
        Self::UPRIGHT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_turns_swap_the_axes_and_the_others_do_not() {
        let stored = Size::new(4032, 3024);
        for value in 1..=8 {
            let orientation = Orientation::from_exif(value).unwrap();
            let expected = if value >= 5 {
                Size::new(3024, 4032)
            } else {
                stored
            };
            assert_eq!(
                stored.oriented(orientation),
                expected,
                "orientation {value}"
            );
        }
    }

    #[test]
    fn only_exif_values_one_to_eight_are_orientations() {
        assert_eq!(Orientation::from_exif(0), None);
        assert_eq!(Orientation::from_exif(9), None);
        assert_eq!(Orientation::from_exif(0x0106), None);
        assert_eq!(Orientation::from_exif(6).map(Orientation::exif), Some(6));
        assert_eq!(Orientation::default(), Orientation::UPRIGHT);
    }

    #[test]
    fn the_long_edge_is_brought_to_the_limit_keeping_proportions() {
        assert_eq!(
            Size::new(4032, 3024).fit_long_edge(1600),
            Size::new(1600, 1200)
        );
        assert_eq!(
            Size::new(3024, 4032).fit_long_edge(1600),
            Size::new(1200, 1600)
        );
        assert_eq!(
            Size::new(8000, 6250).fit_long_edge(1600),
            Size::new(1600, 1250)
        );
    }

    #[test]
    fn small_photos_are_never_enlarged() {
        assert_eq!(Size::new(800, 600).fit_long_edge(1600), Size::new(800, 600));
        assert_eq!(
            Size::new(1600, 1600).fit_long_edge(1600),
            Size::new(1600, 1600)
        );
    }

    #[test]
    fn no_side_ever_becomes_zero() {
        assert_eq!(Size::new(1, 20_000).fit_long_edge(1600), Size::new(1, 1600));
        assert_eq!(Size::new(20_000, 3).fit_long_edge(1600), Size::new(1600, 1));
        assert_eq!(Size::new(500, 400).fit_long_edge(0), Size::new(1, 1));
        assert_eq!(Size::new(3, 2).scaled(0.01), Size::new(1, 1));
        assert_eq!(
            Size::new(u32::MAX, u32::MAX).fit_long_edge(1600),
            Size::new(1600, 1600)
        );
    }

    #[test]
    fn megapixels_round_up() {
        assert_eq!(Size::new(8000, 6250).megapixels(), 50);
        assert_eq!(Size::new(4032, 3024).megapixels(), 13);
        assert_eq!(Size::new(1000, 1000).megapixels(), 1);
        assert_eq!(Size::new(1, 1).megapixels(), 1);
    }
}
