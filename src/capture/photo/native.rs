//! The pure Rust pipeline (`image` decodes, `fast_image_resize` resizes, `jpeg-encoder`
//! encodes): what runs in native tests, and inside the worker of a browser that cannot decode or
//! encode off the main thread. It holds the decoded photo in memory, so the browser path is
//! preferred wherever it exists.

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageFormat, RgbaImage};
use jpeg_encoder::{ColorType, Encoder};

use super::admission::admit;
use super::compressed::CompressedPhoto;
use super::error::PhotoError;
use super::geometry::Size;
use super::header::{Format, jpeg};
use super::limits::PhotoLimits;
use super::progress::Progress;
use super::quality::QualitySearch;

/// Compresses the photo file `bytes` to an upright JPEG without metadata within `limits`,
/// reporting each stage to `on_progress`.
pub fn compress(
    bytes: &[u8],
    limits: &PhotoLimits,
    mut on_progress: impl FnMut(Progress),
) -> Result<CompressedPhoto, PhotoError> {
    let plan = admit(bytes, true, limits)?;
    let format = decodable(plan.format).ok_or(PhotoError::Unsupported {
        format: plan.format,
    })?;
    // Decoders fill a cut-off JPEG with grey rather than fail; a cut-off photo is refused.
    if plan.format == Format::Jpeg && !jpeg::is_complete(bytes) {
        return Err(PhotoError::Corrupt);
    }
    on_progress(Progress::decoding());
    let decoded =
        image::load_from_memory_with_format(bytes, format).map_err(|_| PhotoError::Corrupt)?;
    let stored = Size::new(decoded.width(), decoded.height());
    let target = stored
        .oriented(plan.orientation)
        .fit_long_edge(limits.max_long_edge);
    // Resizing before turning moves fewer pixels; the turn swaps the target back.
    let mut upright =
        DynamicImage::ImageRgba8(resize(flatten(decoded), target.oriented(plan.orientation))?);
    if let Some(orientation) = image::metadata::Orientation::from_exif(plan.orientation.exif()) {
        upright.apply_orientation(orientation);
    }
    let mut image = upright.into_rgba8();

    let mut search = QualitySearch::new(target, limits.target_bytes);
    loop {
        let attempt = search.attempt();
        on_progress(Progress::encoding(search.encodes()));
        image = resize(image, attempt.size)?;
        let jpeg = encode(&image, attempt.quality)?;
        if search.observe(jpeg.len()).is_none() {
            return Ok(CompressedPhoto {
                bytes: jpeg,
                width: attempt.size.width,
                height: attempt.size.height,
                place: plan.place,
            });
        }
    }
}

/// The decoder for `format`, if this pipeline has one.
fn decodable(format: Format) -> Option<ImageFormat> {
    match format {
        Format::Jpeg => Some(ImageFormat::Jpeg),
        Format::Png => Some(ImageFormat::Png),
        Format::Webp => Some(ImageFormat::WebP),
        Format::Gif => Some(ImageFormat::Gif),
        Format::Heif | Format::Avif | Format::Pdf | Format::Video => None,
    }
}

/// Draws the image on white, as the browser path does: JPEG has no transparency, and
/// transparent pixels are often black underneath. The result is opaque RGBA, the one layout the
/// resizer is built for.
fn flatten(image: DynamicImage) -> RgbaImage {
    let has_alpha = image.color().has_alpha();
    let mut rgba = image.into_rgba8();
    if has_alpha {
        for pixel in rgba.pixels_mut() {
            let [r, g, b, alpha] = pixel.0;
            let over_white = |channel: u8| {
                let (c, a) = (u16::from(channel), u16::from(alpha));
                // At most 255 * 255 + 127: fits, and the quotient fits a byte.
                ((c * a + 255 * (255 - a) + 127) / 255) as u8
            };
            pixel.0 = [over_white(r), over_white(g), over_white(b), 255];
        }
    }
    rgba
}

/// Lanczos3, as good as the browser's "high" resize quality.
fn resize(image: RgbaImage, size: Size) -> Result<RgbaImage, PhotoError> {
    if image.dimensions() == (size.width, size.height) {
        return Ok(image);
    }
    let (width, height) = image.dimensions();
    let source = Image::from_vec_u8(width, height, image.into_raw(), PixelType::U8x4)
        .map_err(|_| PhotoError::Unavailable)?;
    let mut resized = Image::new(size.width, size.height, PixelType::U8x4);
    // Every pixel is opaque by now: no need to weigh colours by alpha.
    let lanczos = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .use_alpha(false);
    Resizer::new()
        .resize(&source, &mut resized, &lanczos)
        .map_err(|_| PhotoError::Unavailable)?;
    RgbaImage::from_raw(size.width, size.height, resized.into_vec()).ok_or(PhotoError::Unavailable)
}

/// A baseline JPEG, 4:2:0 as browsers encode it, with a JFIF header and nothing else: no EXIF,
/// no GPS, no camera fields.
fn encode(image: &RgbaImage, quality: f32) -> Result<Vec<u8>, PhotoError> {
    let percent = (quality * 100.0).round().clamp(1.0, 100.0) as u8;
    let (width, height) = image.dimensions();
    let (Ok(width), Ok(height)) = (u16::try_from(width), u16::try_from(height)) else {
        return Err(PhotoError::TooLarge {
            megapixels: Size::new(width, height).megapixels(),
        });
    };
    let mut jpeg = Vec::new();
    Encoder::new(&mut jpeg, percent)
        .encode(image.as_raw(), width, height, ColorType::Rgba)
        .map_err(|_| PhotoError::Unavailable)?;
    Ok(jpeg)
}
