//! The choice of JPEG quality (and, rarely, of a smaller size) that brings a photo under the
//! byte target in as few encodes as possible. Both pipelines drive the same search, so they
//! obey the same limits.
//!
//! An encode costs a fair part of a decode, so predicting well matters more than searching
//! exactly. Over the useful range the logarithm of a JPEG's size is close to a straight line in
//! quality, and the size is about proportional to the pixel count. The first quality is
//! predicted from the pixels and the target as for a detailed phone photo, so most photos fit at
//! once; when one does not, its size and a typical slope give the next guess, and two
//! observations give the photo's own slope.

use super::geometry::Size;

/// Below this quality, blocking shows: the pixel count goes down instead.
pub const MIN_QUALITY: f32 = 0.4;
/// Above this quality, bytes grow fast for no visible gain.
pub const MAX_QUALITY: f32 = 0.92;
/// A detailed 12-megapixel phone photo at 1600 px takes this many bytes per pixel at
/// `REFERENCE_QUALITY` in Chromium's encoder (0.144 and 0.140 for the test photos).
const BYTES_PER_PIXEL: f64 = 0.145;
const REFERENCE_QUALITY: f32 = 0.75;
/// Targets under this are raised to it: a smaller file is not a useful photo, and a floor
/// guarantees the search ends (a 1x1 JPEG is far smaller).
pub const MIN_TARGET_BYTES: usize = 10_000;
/// The change of ln(bytes) per unit of quality on typical photos between 0.4 and 0.8.
const TYPICAL_SLOPE: f64 = 2.2;
/// Predictions aim this far under the target, so that a slightly wrong one still fits.
const AIM: f64 = 0.92;
/// Each retry lowers the quality at least this much, so the search cannot stall.
const MIN_STEP: f32 = 0.03;

/// One encode to make: this size, at this quality (0 to 1, as browsers take it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attempt {
    /// The pixel size to encode at.
    pub size: Size,
    /// The JPEG quality, 0 to 1.
    pub quality: f32,
}

/// The state of the search for one photo.
#[derive(Debug, Clone)]
pub struct QualitySearch {
    target_bytes: usize,
    current: Attempt,
    /// The previous attempt at the current size, and its byte count.
    previous: Option<(f32, usize)>,
    encodes: usize,
}

impl QualitySearch {
    /// A search for a photo of `size` pixels that must fit in `target_bytes`.
    pub fn new(size: Size, target_bytes: usize) -> Self {
        Self {
            target_bytes: target_bytes.max(MIN_TARGET_BYTES),
            current: Attempt {
                size,
                quality: first_quality(size, target_bytes.max(MIN_TARGET_BYTES)),
            },
            previous: None,
            encodes: 0,
        }
    }

    /// The encode to make now.
    pub fn attempt(&self) -> Attempt {
        self.current
    }

    /// How many encodes have been observed.
    pub fn encodes(&self) -> usize {
        self.encodes
    }

    /// Records that the current attempt took `bytes`: `None` if that fits (keep it), or the next
    /// attempt.
    pub fn observe(&mut self, bytes: usize) -> Option<Attempt> {
        self.encodes += 1;
        if bytes <= self.target_bytes {
            return None;
        }
        let Attempt { size, quality } = self.current;
        let excess = (bytes as f64 / (self.target_bytes as f64 * AIM)).ln();
        let next = if quality > MIN_QUALITY {
            let slope = match self.previous {
                Some((q, b)) => ((b as f64).ln() - (bytes as f64).ln()) / f64::from(q - quality),
                None => TYPICAL_SLOPE,
            }
            .clamp(0.5, 10.0);
            self.previous = Some((quality, bytes));
            Attempt {
                size,
                quality: (quality - (excess / slope) as f32)
                    .min(quality - MIN_STEP)
                    .max(MIN_QUALITY),
            }
        } else {
            // Bytes grow about as fast as pixels: scale the area by the excess.
            let smaller = size.scaled((-excess / 2.0).exp().clamp(0.5, 0.9));
            if smaller == size {
                // Nothing is left to take away (unreachable with real encoders and the floor
                // on the target): keep what there is rather than loop.
                return None;
            }
            self.previous = None;
            Attempt {
                size: smaller,
                quality,
            }
        };
        self.current = next;
        Some(next)
    }
}

/// The quality at which a detailed photo of `size` is predicted to come just under the target.
fn first_quality(size: Size, target_bytes: usize) -> f32 {
    let predicted = size.pixels() as f64 * BYTES_PER_PIXEL;
    let headroom = (target_bytes as f64 * AIM / predicted).ln();
    (REFERENCE_QUALITY + (headroom / TYPICAL_SLOPE) as f32).clamp(MIN_QUALITY, MAX_QUALITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PHOTO: Size = Size::new(1600, 1200);

    /// Runs a search against a JPEG-like size model, returning the attempts made and the kept one.
    fn run(target: usize, bytes_at: impl Fn(Attempt) -> usize) -> (Vec<Attempt>, Attempt) {
        let mut search = QualitySearch::new(PHOTO, target);
        let mut attempts = vec![search.attempt()];
        while let Some(next) = search.observe(bytes_at(search.attempt())) {
            attempts.push(next);
            assert!(attempts.len() < 40, "the search must end: {attempts:?}");
        }
        assert_eq!(search.encodes(), attempts.len());
        (attempts.clone(), *attempts.last().unwrap())
    }

    /// ln(bytes) linear in quality with `slope`, proportional to pixels, and `bytes_at_first`
    /// at the first quality tried for `PHOTO` at 300 KB.
    fn model(bytes_at_first: f64, slope: f64) -> impl Fn(Attempt) -> usize {
        let first = QualitySearch::new(PHOTO, 300_000).attempt().quality;
        move |a: Attempt| {
            let area = a.size.pixels() as f64 / PHOTO.pixels() as f64;
            (bytes_at_first * area * (slope * f64::from(a.quality - first)).exp()) as usize
        }
    }

    #[test]
    fn the_first_quality_suits_the_pixels_and_the_target() {
        let quality = |size, target| QualitySearch::new(size, target).attempt().quality;
        let photo = quality(PHOTO, 300_000);
        assert!((0.7..0.8).contains(&photo), "{photo}");
        assert!(quality(PHOTO, 150_000) < photo);
        assert!(quality(Size::new(800, 600), 300_000) > photo);
        assert_eq!(quality(Size::new(100, 100), 300_000), MAX_QUALITY);
        assert_eq!(quality(Size::new(1600, 1200), 20_000), MIN_QUALITY);
    }

    #[test]
    fn a_photo_that_fits_is_encoded_once() {
        let (attempts, kept) = run(300_000, model(250_000.0, 2.2));
        assert_eq!(attempts.len(), 1);
        assert_eq!(kept.size, PHOTO);
    }

    #[test]
    fn a_typical_overshoot_fits_on_the_second_encode() {
        let bytes_at = model(420_000.0, 2.2);
        let (attempts, kept) = run(300_000, &bytes_at);
        assert_eq!(attempts.len(), 2, "{attempts:?}");
        assert!(bytes_at(kept) <= 300_000);
        assert!(kept.quality > 0.5, "not much lower than needed: {kept:?}");
    }

    #[test]
    fn a_flatter_slope_is_learnt_from_two_observations() {
        let bytes_at = model(450_000.0, 1.5);
        let (attempts, kept) = run(300_000, &bytes_at);
        assert_eq!(attempts.len(), 3, "{attempts:?}");
        assert!(bytes_at(kept) <= 300_000);
        assert_eq!(kept.size, PHOTO);
    }

    #[test]
    fn a_steeper_slope_fits_at_once() {
        let bytes_at = model(600_000.0, 5.0);
        let (attempts, kept) = run(300_000, &bytes_at);
        assert_eq!(attempts.len(), 2, "{attempts:?}");
        assert!(bytes_at(kept) <= 300_000);
    }

    #[test]
    fn quality_never_goes_below_the_minimum_and_then_the_size_shrinks() {
        let bytes_at = model(3_000_000.0, 2.2);
        let (attempts, kept) = run(300_000, &bytes_at);
        assert!(attempts.iter().all(|a| a.quality >= MIN_QUALITY));
        assert!(bytes_at(kept) <= 300_000);
        assert!(kept.size.width < PHOTO.width);
        let ratio = f64::from(kept.size.width) / f64::from(kept.size.height);
        assert!(
            (ratio - 4.0 / 3.0).abs() < 0.01,
            "proportions kept: {kept:?}"
        );
    }

    #[test]
    fn each_retry_lowers_quality_or_size() {
        // An image whose size does not depend on quality at all.
        let bytes_at = |a: Attempt| usize::try_from(a.size.pixels() / 2).unwrap();
        let (attempts, kept) = run(300_000, bytes_at);
        for pair in attempts.windows(2) {
            let lower = pair[1].quality < pair[0].quality;
            let smaller = pair[1].size.pixels() < pair[0].size.pixels();
            assert!(lower || smaller, "{pair:?}");
        }
        assert!(bytes_at(kept) <= 300_000);
    }

    #[test]
    fn an_image_that_cannot_shrink_further_is_kept() {
        let (_, kept) = run(300_000, |_| 10_000_000);
        assert_eq!(kept.size, Size::new(1, 1));
    }

    #[test]
    fn a_tiny_target_still_ends() {
        let (_, kept) = run(1, model(300_000.0, 2.2));
        assert!(model(300_000.0, 2.2)(kept) <= MIN_TARGET_BYTES);
    }
}
