//! The yardstick for a compressed photo: the original, decoded natively, turned upright by its
//! EXIF orientation and resized with Lanczos3 to exactly the compressed photo's size. Both are
//! compared on luma (the `image` crate's, Rec. 709 weights); the original is reduced to luma
//! before resizing, which, the filter being linear, differs from resizing first only by
//! rounding.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use image::imageops::FilterType;
use image::{DynamicImage, GrayImage, ImageDecoder, ImageReader};

/// The shared test photos, beside the checkout.
pub fn fixtures() -> PathBuf {
    crate::workspace::root()
        .join("..")
        .join("shared")
        .join("fixtures")
        .join("photos")
}

/// The luma of a photo decoded at full size and turned upright.
pub struct Original(GrayImage);

impl Original {
    pub fn open(path: &Path) -> Result<Self> {
        let mut decoder = ImageReader::open(path)
            .with_context(|| format!("opening {}", path.display()))?
            .with_guessed_format()?
            .into_decoder()
            .with_context(|| format!("reading {}", path.display()))?;
        let orientation = decoder.orientation()?;
        let mut image = DynamicImage::from_decoder(decoder)
            .with_context(|| format!("decoding {}", path.display()))?;
        image.apply_orientation(orientation);
        Ok(Self(image.to_luma8()))
    }

    /// The reference downscale at `width` x `height`.
    pub fn resized_luma(&self, width: u32, height: u32) -> GrayImage {
        image::imageops::resize(&self.0, width, height, FilterType::Lanczos3)
    }
}

/// A compressed photo's luma (they carry no orientation: the pipelines write upright pixels).
pub fn luma(jpeg: &[u8]) -> Result<GrayImage> {
    Ok(image::load_from_memory(jpeg)
        .context("decoding a compressed photo")?
        .to_luma8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rotated_photo_is_turned_upright() {
        let original = Original::open(&fixtures().join("phone-12mp-orient6-gps.jpg")).unwrap();
        assert_eq!(original.0.dimensions(), (3024, 4032));
        assert_eq!(original.resized_luma(120, 160).dimensions(), (120, 160));
    }
}
