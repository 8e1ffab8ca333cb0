//! The checks made on a file's header before anything is decoded, shared by both pipelines so
//! that they refuse the same files with the same errors.

use super::error::PhotoError;
use super::geometry::{Orientation, Size};
use super::header::{self, Format};
use super::limits::PhotoLimits;
use crate::capture::photo_place::PhotoPlace;

/// A file that passed the header checks, and what is known of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    /// The image format.
    pub format: Format,
    /// How the stored pixels must be turned to be seen upright.
    pub orientation: Orientation,
    /// The upright size, when the header gives it.
    pub upright: Option<Size>,
    /// Where (and when) it was taken, read before the output drops the metadata.
    pub place: Option<PhotoPlace>,
}

/// Checks the start of a file: `whole` says whether `head` is the entire file, in which case a
/// header without a size is damaged rather than merely longer than `head`.
pub fn admit(head: &[u8], whole: bool, limits: &PhotoLimits) -> Result<Plan, PhotoError> {
    if head.is_empty() {
        return Err(PhotoError::Empty);
    }
    let header = header::inspect(head);
    let format = match header.format {
        Some(format) if format.is_image() => format,
        detected => return Err(PhotoError::NotAnImage { detected }),
    };
    match header.size {
        Some(size) => check_pixels(size, limits)?,
        // HEIF sizes hide in optional boxes: let the decoder decide.
        None if whole && format != Format::Heif && format != Format::Avif => {
            return Err(PhotoError::Corrupt);
        }
        None => {}
    }
    Ok(Plan {
        format,
        orientation: header.orientation,
        upright: header.size.map(|size| size.oriented(header.orientation)),
        place: header.place.map(|point| PhotoPlace {
            point,
            taken_at: header.taken_at.map(Into::into),
        }),
    })
}

/// Refuses a photo with more pixels than the limit.
pub fn check_pixels(size: Size, limits: &PhotoLimits) -> Result<(), PhotoError> {
    if size.pixels() > u64::from(limits.max_megapixels) * 1_000_000 {
        Err(PhotoError::TooLarge {
            megapixels: size.megapixels(),
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::photo::header::jpeg_header;

    const LIMITS: PhotoLimits = PhotoLimits {
        max_long_edge: 1600,
        target_bytes: 300_000,
        max_megapixels: 40,
    };

    #[test]
    fn a_fifty_megapixel_header_is_refused() {
        let head = jpeg_header(8000, 6250, None);
        assert_eq!(
            admit(&head, false, &LIMITS),
            Err(PhotoError::TooLarge { megapixels: 50 })
        );
    }

    #[test]
    fn exactly_the_limit_is_accepted() {
        let head = jpeg_header(8000, 5000, None);
        assert!(admit(&head, false, &LIMITS).is_ok());
    }

    #[test]
    fn the_plan_knows_the_upright_size() {
        let plan = admit(&jpeg_header(4032, 3024, Some(6)), false, &LIMITS).unwrap();
        assert_eq!(plan.format, Format::Jpeg);
        assert_eq!(plan.upright, Some(Size::new(3024, 4032)));
    }

    #[test]
    fn a_sizeless_header_is_damaged_only_when_it_is_the_whole_file() {
        let head = &jpeg_header(640, 480, None)[..20];
        assert_eq!(admit(head, true, &LIMITS), Err(PhotoError::Corrupt));
        assert_eq!(admit(head, false, &LIMITS).unwrap().upright, None);
    }

    #[test]
    fn empty_and_non_images_are_refused() {
        assert_eq!(admit(b"", true, &LIMITS), Err(PhotoError::Empty));
        assert_eq!(
            admit(b"%PDF-1.4\n%\xE2\xE3", true, &LIMITS),
            Err(PhotoError::NotAnImage {
                detected: Some(Format::Pdf)
            })
        );
        assert_eq!(
            admit(b"\x00\x01\x02garbage", true, &LIMITS),
            Err(PhotoError::NotAnImage { detected: None })
        );
    }
}
