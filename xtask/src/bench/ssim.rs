//! Structural similarity (SSIM) of two grey images, as Wang, Bovik, Sheikh and Simoncelli
//! define it (IEEE Trans. Image Processing, 2004): local means, variances and covariance under
//! an 11x11 Gaussian window of standard deviation 1.5, constants K1 = 0.01 and K2 = 0.03 for
//! 8-bit values, averaged over every position where the window lies wholly inside the image.
//! No downsampling first: the images are compared at the size they are shown.

use anyhow::{Result, ensure};
use image::GrayImage;

const WINDOW: usize = 11;
const SIGMA: f64 = 1.5;
const C1: f64 = (0.01 * 255.0) * (0.01 * 255.0);
const C2: f64 = (0.03 * 255.0) * (0.03 * 255.0);

/// The mean SSIM of `a` and `b`: 1 for identical images, lower as they differ.
pub fn ssim(a: &GrayImage, b: &GrayImage) -> Result<f64> {
    ensure!(
        a.dimensions() == b.dimensions(),
        "SSIM compares images of one size, not {:?} and {:?}",
        a.dimensions(),
        b.dimensions()
    );
    let (width, height) = (a.width() as usize, a.height() as usize);
    ensure!(
        width >= WINDOW && height >= WINDOW,
        "SSIM needs at least {WINDOW}x{WINDOW} pixels"
    );
    let x: Vec<f64> = a.as_raw().iter().map(|&v| f64::from(v)).collect();
    let y: Vec<f64> = b.as_raw().iter().map(|&v| f64::from(v)).collect();
    let product =
        |p: &[f64], q: &[f64]| -> Vec<f64> { p.iter().zip(q).map(|(s, t)| s * t).collect() };
    let kernel = gaussian();
    let local = |values: &[f64]| window_means(values, width, height, &kernel);
    let (mean_x, mean_y) = (local(&x), local(&y));
    let (mean_xx, mean_yy, mean_xy) = (
        local(&product(&x, &x)),
        local(&product(&y, &y)),
        local(&product(&x, &y)),
    );
    let total: f64 = (0..mean_x.len())
        .map(|i| {
            let (mx, my) = (mean_x[i], mean_y[i]);
            let var_x = mean_xx[i] - mx * mx;
            let var_y = mean_yy[i] - my * my;
            let cov = mean_xy[i] - mx * my;
            ((2.0 * mx * my + C1) * (2.0 * cov + C2))
                / ((mx * mx + my * my + C1) * (var_x + var_y + C2))
        })
        .sum();
    Ok(total / mean_x.len() as f64)
}

/// The normalised one-dimensional Gaussian; the window is its outer product with itself.
fn gaussian() -> [f64; WINDOW] {
    let centre = (WINDOW / 2) as f64;
    let mut kernel = [0.0; WINDOW];
    for (i, k) in kernel.iter_mut().enumerate() {
        let d = i as f64 - centre;
        *k = (-d * d / (2.0 * SIGMA * SIGMA)).exp();
    }
    let sum: f64 = kernel.iter().sum();
    kernel.map(|k| k / sum)
}

/// Weighted means of `values` (row-major, `width` x `height`) under the window at every
/// position where it fits, filtering rows then columns (the Gaussian is separable).
fn window_means(values: &[f64], width: usize, height: usize, kernel: &[f64]) -> Vec<f64> {
    let out_width = width - WINDOW + 1;
    let out_height = height - WINDOW + 1;
    let mut rows = Vec::with_capacity(out_width * height);
    for row in values.chunks_exact(width) {
        rows.extend(row.windows(WINDOW).map(|w| dot(w, kernel)));
    }
    let mut out = vec![0.0; out_width * out_height];
    for (k, weight) in kernel.iter().enumerate() {
        for (out_row, in_row) in out
            .chunks_exact_mut(out_width)
            .zip(rows.chunks_exact(out_width).skip(k))
        {
            for (o, v) in out_row.iter_mut().zip(in_row) {
                *o += weight * v;
            }
        }
    }
    out
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A photo-like test card: smooth shading, edges and fine texture.
    fn card() -> GrayImage {
        GrayImage::from_fn(96, 64, |x, y| {
            let shade = f64::from(x + y) * 0.9;
            let edge = if (x / 16 + y / 16) % 2 == 0 {
                40.0
            } else {
                0.0
            };
            let texture = 25.0 * (f64::from(x) * 0.7).sin() * (f64::from(y) * 0.45).cos();
            image::Luma([(shade + edge + texture + 60.0).clamp(0.0, 255.0) as u8])
        })
    }

    /// `image` with deterministic noise of amplitude `amount` added.
    fn noisy(image: &GrayImage, amount: i32) -> GrayImage {
        let mut state: u32 = 12345;
        let mut out = image.clone();
        for pixel in out.pixels_mut() {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let noise = ((state >> 16) % (2 * amount as u32 + 1)) as i32 - amount;
            pixel.0[0] = (i32::from(pixel.0[0]) + noise).clamp(0, 255) as u8;
        }
        out
    }

    /// `image` averaged over 3x3 neighbourhoods (edges clamped).
    fn blurred(image: &GrayImage) -> GrayImage {
        let (w, h) = image.dimensions();
        GrayImage::from_fn(w, h, |x, y| {
            let mut sum = 0u32;
            for dy in -1i64..=1 {
                for dx in -1i64..=1 {
                    let sx = (i64::from(x) + dx).clamp(0, i64::from(w) - 1) as u32;
                    let sy = (i64::from(y) + dy).clamp(0, i64::from(h) - 1) as u32;
                    sum += u32::from(image.get_pixel(sx, sy).0[0]);
                }
            }
            image::Luma([(sum / 9) as u8])
        })
    }

    #[test]
    fn an_image_is_wholly_similar_to_itself() {
        let card = card();
        assert!((ssim(&card, &card).unwrap() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn noise_lowers_it_and_more_noise_lowers_it_more() {
        let card = card();
        let light = ssim(&card, &noisy(&card, 8)).unwrap();
        let heavy = ssim(&card, &noisy(&card, 40)).unwrap();
        assert!(light < 0.99, "{light}");
        assert!(heavy < light, "{heavy} < {light}");
        assert!(heavy > 0.0, "{heavy}");
    }

    #[test]
    fn blur_lowers_it() {
        let card = card();
        let value = ssim(&card, &blurred(&card)).unwrap();
        assert!(value < 0.98, "{value}");
    }

    #[test]
    fn it_is_symmetric() {
        let (a, b) = (card(), noisy(&blurred(&card()), 20));
        assert_eq!(ssim(&a, &b).unwrap(), ssim(&b, &a).unwrap());
    }

    #[test]
    fn a_uniform_shift_of_brightness_costs_little_and_an_inversion_a_lot() {
        let card = card();
        let mut brighter = card.clone();
        brighter
            .pixels_mut()
            .for_each(|p| p.0[0] = p.0[0].saturating_add(5));
        let mut inverted = card.clone();
        inverted.pixels_mut().for_each(|p| p.0[0] = 255 - p.0[0]);
        assert!(ssim(&card, &brighter).unwrap() > 0.99);
        assert!(ssim(&card, &inverted).unwrap() < 0.0);
    }

    #[test]
    fn images_of_different_sizes_or_too_small_are_refused() {
        assert!(ssim(&card(), &GrayImage::new(95, 64)).is_err());
        let tiny = GrayImage::new(10, 10);
        assert!(ssim(&tiny, &tiny).is_err());
    }
}
