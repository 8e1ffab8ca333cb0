//! The fast path: the browser decodes, orients and resizes in one `createImageBitmap` call and
//! encodes with `OffscreenCanvas.convertToBlob`, so the pixels stay with the browser and wasm
//! memory only ever holds the file's header. Runs in a window or a worker alike.

use js_sys::{ArrayBuffer, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ImageBitmap, ImageBitmapOptions, ImageEncodeOptions, ImageOrientation, OffscreenCanvas,
    OffscreenCanvasRenderingContext2d, ResizeQuality,
};

use super::admission::{Plan, admit, check_pixels};
use super::compressed::CompressedPhoto;
use super::error::PhotoError;
use super::geometry::Size;
use super::header::{Format, HEAD_BYTES, jpeg};
use super::limits::PhotoLimits;
use super::progress::Progress;
use super::quality::QualitySearch;

const JPEG: &str = "image/jpeg";

#[wasm_bindgen]
extern "C" {
    /// The global `createImageBitmap`, which windows and workers both have.
    #[wasm_bindgen(catch, js_name = createImageBitmap)]
    fn create_image_bitmap(image: &Blob, options: &ImageBitmapOptions) -> Result<Promise, JsValue>;
}

/// Why the browser path gave no photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrowserError {
    /// The file itself is the problem: no other path would do better.
    Photo(PhotoError),
    /// This browser lacks an API the path needs (or it misbehaved): another path may succeed.
    Missing,
}

impl From<PhotoError> for BrowserError {
    fn from(error: PhotoError) -> Self {
        Self::Photo(error)
    }
}

/// Compresses `file` with the browser's own codecs, reporting each stage to `on_progress`; the
/// JPEG stays in JavaScript memory, ready to be transferred.
pub async fn compress(
    file: &Blob,
    limits: &PhotoLimits,
    mut on_progress: impl FnMut(Progress),
) -> Result<CompressedPhoto<ArrayBuffer>, BrowserError> {
    if !has_global("createImageBitmap") || !has_global("OffscreenCanvas") {
        return Err(BrowserError::Missing);
    }
    on_progress(Progress::reading());
    let head = file
        .slice_with_f64_and_f64(0.0, HEAD_BYTES as f64)
        .map_err(|_| PhotoError::Corrupt)?;
    let plan = admit(
        &read(&head).await?,
        file.size() <= HEAD_BYTES as f64,
        limits,
    )?;
    // Firefox's decoder fills a cut-off JPEG with grey rather than fail: a cut-off photo is
    // refused in every engine. The walk skips the compressed data, so it costs a read.
    if plan.format == Format::Jpeg && !jpeg::is_complete(&read(file).await?) {
        return Err(PhotoError::Corrupt.into());
    }

    on_progress(Progress::decoding());
    let bitmap = decode(file, &plan, limits).await?;
    let mut search = QualitySearch::new(
        bitmap.size().fit_long_edge(limits.max_long_edge),
        limits.target_bytes,
    );
    let mut canvas: Option<(Size, OffscreenCanvas)> = None;
    loop {
        let attempt = search.attempt();
        on_progress(Progress::encoding(search.encodes()));
        let drawn = match canvas.take() {
            Some((size, drawn)) if size == attempt.size => drawn,
            _ => draw(&bitmap, attempt.size, plan.format == Format::Jpeg)?,
        };
        let jpeg = encode(&drawn, attempt.quality).await?;
        if search.observe(jpeg.size() as usize).is_none() {
            let bytes = JsFuture::from(jpeg.array_buffer())
                .await
                .map_err(|_| BrowserError::Missing)?;
            return Ok(CompressedPhoto {
                bytes: bytes.unchecked_into(),
                width: attempt.size.width,
                height: attempt.size.height,
                place: plan.place,
            });
        }
        canvas = Some((attempt.size, drawn));
    }
}

/// Reads a (small) blob into wasm memory.
pub async fn read(blob: &Blob) -> Result<Vec<u8>, PhotoError> {
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| PhotoError::Corrupt)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

fn has_global(name: &str) -> bool {
    Reflect::has(&js_sys::global(), &JsValue::from_str(name)).unwrap_or(false)
}

/// An `ImageBitmap` closed when dropped, so its pixels go as soon as they are no longer needed.
struct Bitmap(ImageBitmap);

impl Bitmap {
    fn size(&self) -> Size {
        Size::new(self.0.width(), self.0.height())
    }
}

impl Drop for Bitmap {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// Decodes `file` upright, at the output size when the header gave the size.
async fn decode(file: &Blob, plan: &Plan, limits: &PhotoLimits) -> Result<Bitmap, BrowserError> {
    if let Some(target) = plan
        .upright
        .map(|size| size.fit_long_edge(limits.max_long_edge))
    {
        let bitmap = bitmap(file, Some(target), plan.format).await?;
        if bitmap.size() == target {
            return Ok(bitmap);
        }
        // This browser resized before turning the photo (or turned it in a way the header did
        // not say): decode at full size and let the canvas resize.
    }
    let bitmap = bitmap(file, None, plan.format).await?;
    check_pixels(bitmap.size(), limits)?;
    Ok(bitmap)
}

async fn bitmap(file: &Blob, size: Option<Size>, format: Format) -> Result<Bitmap, PhotoError> {
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    if let Some(size) = size {
        options.set_resize_width(size.width);
        options.set_resize_height(size.height);
        options.set_resize_quality(ResizeQuality::High);
    }
    let undecodable = || match format {
        Format::Heif | Format::Avif => PhotoError::Unsupported { format },
        _ => PhotoError::Corrupt,
    };
    let promise = create_image_bitmap(file, &options).map_err(|_| undecodable())?;
    let bitmap = JsFuture::from(promise).await.map_err(|_| undecodable())?;
    Ok(Bitmap(bitmap.unchecked_into()))
}

/// A canvas of `size` with the bitmap drawn over white (JPEG has no transparency), or drawn
/// alone when it is `opaque`.
fn draw(bitmap: &Bitmap, size: Size, opaque: bool) -> Result<OffscreenCanvas, BrowserError> {
    let canvas =
        OffscreenCanvas::new(size.width, size.height).map_err(|_| BrowserError::Missing)?;
    let context: OffscreenCanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into().ok())
        .ok_or(BrowserError::Missing)?;
    // Only used when the bitmap is not already at the size: the default is a blurry bilinear.
    let _ = Reflect::set(&context, &"imageSmoothingQuality".into(), &"high".into());
    let (width, height) = (f64::from(size.width), f64::from(size.height));
    if !opaque {
        context.set_fill_style_str("#fff");
        context.fill_rect(0.0, 0.0, width, height);
    }
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap.0, 0.0, 0.0, width, height)
        .map_err(|_| BrowserError::Missing)?;
    Ok(canvas)
}

async fn encode(canvas: &OffscreenCanvas, quality: f32) -> Result<Blob, BrowserError> {
    let options = ImageEncodeOptions::new();
    options.set_type(JPEG);
    options.set_quality(f64::from(quality));
    let promise = canvas
        .convert_to_blob_with_options(&options)
        .map_err(|_| BrowserError::Missing)?;
    let blob: Blob = JsFuture::from(promise)
        .await
        .map_err(|_| BrowserError::Missing)?
        .unchecked_into();
    // A browser that cannot encode JPEG silently hands back a PNG.
    if blob.type_() == JPEG {
        Ok(blob)
    } else {
        Err(BrowserError::Missing)
    }
}
