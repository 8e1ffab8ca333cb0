//! The browser's photo path (createImageBitmap and OffscreenCanvas) in a real browser page (Chromium and Firefox),
//! on a real phone photo and on broken files.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Uint8Array};
use report311::capture::photo::browser::{self, BrowserError};
use report311::capture::photo::geometry::Size;
use report311::capture::photo::header::{Format, inspect};
use report311::capture::photo::protocol::{Reply, Request, from_js, to_js};
use report311::capture::photo::{CompressedPhoto, PhotoError, PhotoLimits, Progress, Stage};
use report311::capture::photo_place::{CalendarDay, ClockTime, PhotoPlace};
use report311::geography::Point;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Blob;

wasm_bindgen_test_configure!(run_in_browser);

// The same judges as the native tests of the pipeline.
#[path = "../src/capture/photo/tests/judge.rs"]
mod judge;

/// 4032x3024 as stored, EXIF orientation 6 (portrait when upright), with GPS.
const PORTRAIT: &[u8] = include_bytes!("../../shared/fixtures/photos/phone-12mp-orient6-gps.jpg");

fn blob(bytes: &[u8]) -> Blob {
    Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes))).expect("a blob")
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

async fn compress(bytes: &[u8]) -> Result<CompressedPhoto, BrowserError> {
    let photo = browser::compress(&blob(bytes), &PhotoLimits::default(), |_| {}).await?;
    Ok(CompressedPhoto {
        bytes: Uint8Array::new(&photo.bytes).to_vec(),
        width: photo.width,
        height: photo.height,
        place: photo.place,
    })
}

#[wasm_bindgen_test]
async fn a_phone_photo_comes_out_upright_small_and_without_metadata() {
    let mut stages = Vec::new();
    let started = now_ms();
    let photo = browser::compress(&blob(PORTRAIT), &PhotoLimits::default(), |p| {
        stages.push(p.stage);
    })
    .await
    .expect("the browser path compresses a phone photo");
    let elapsed = now_ms() - started;
    let jpeg = Uint8Array::new(&photo.bytes).to_vec();
    web_sys::console::log_1(
        &format!(
            "browser path: {} bytes, {}x{}, {} encodes, {elapsed} ms",
            jpeg.len(),
            photo.width,
            photo.height,
            stages.iter().filter(|s| **s == Stage::Encoding).count()
        )
        .into(),
    );

    assert_eq!(
        (photo.width, photo.height),
        (1200, 1600),
        "portrait, long edge 1600"
    );
    assert!(jpeg.len() <= 300_000, "{} bytes", jpeg.len());
    let header = inspect(&jpeg);
    assert_eq!(header.format, Some(Format::Jpeg));
    assert_eq!(
        header.size,
        Some(Size::new(1200, 1600)),
        "the JPEG's own frame size"
    );
    judge::assert_no_metadata(&jpeg);
    assert_eq!(header.place, None, "the output carries no position");
    // The original's position goes with the photo, apart from its bytes.
    let place = photo.place.expect("the original's GPS position");
    assert!((41.85..41.92).contains(&place.point.latitude), "{place:?}");
    assert!(place.taken_at.is_some(), "{place:?}");
    assert_eq!(stages.first(), Some(&Stage::Reading));

    // The picture is the photo turned a quarter clockwise, by comparison with a reference made
    // independently (the image crate's decoder, a box filter, a turn by hand): a wrong turn
    // differs by far more.
    let stored = image::load_from_memory(PORTRAIT)
        .expect("the test photo decodes")
        .thumbnail_exact(256, 192);
    let grey = |picture: &image::DynamicImage| judge::grey(picture, 48, 64);
    let output = grey(&image::load_from_memory(&jpeg).expect("the output decodes"));
    let upright = judge::difference(&output, &grey(&stored.rotate90()));
    let not_turned = judge::difference(&output, &grey(&stored));
    let turned_back = judge::difference(&output, &grey(&stored.rotate270()));
    assert!(
        upright < 6.0,
        "differs from the upright photo by {upright:.1}"
    );
    assert!(
        not_turned > 2.0 * upright && turned_back > 2.0 * upright,
        "upright {upright:.1}, not turned {not_turned:.1}, turned back {turned_back:.1}"
    );
}

#[wasm_bindgen_test]
async fn a_truncated_photo_is_damaged() {
    let cut = &PORTRAIT[..PORTRAIT.len() / 2];
    assert_eq!(
        compress(cut).await,
        Err(BrowserError::Photo(PhotoError::Corrupt))
    );
}

#[wasm_bindgen_test]
async fn broken_files_get_the_right_error_before_any_decoding() {
    assert_eq!(
        compress(b"").await,
        Err(BrowserError::Photo(PhotoError::Empty))
    );
    assert_eq!(
        compress(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n").await,
        Err(BrowserError::Photo(PhotoError::NotAnImage {
            detected: Some(Format::Pdf)
        }))
    );
    // The first kilobytes of the photo: EXIF, but no frame header.
    assert_eq!(
        compress(&PORTRAIT[..300]).await,
        Err(BrowserError::Photo(PhotoError::Corrupt))
    );
}

#[wasm_bindgen_test]
async fn a_file_claiming_50_megapixels_is_refused() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(8000u32.to_be_bytes());
    png.extend(6250u32.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    let refused = compress(&png).await;
    assert_eq!(
        refused,
        Err(BrowserError::Photo(PhotoError::TooLarge { megapixels: 50 }))
    );
}

#[wasm_bindgen_test]
async fn data_that_is_not_a_picture_after_a_good_header_is_damaged() {
    // A real header, then bytes no decoder can use.
    let sos = PORTRAIT
        .windows(2)
        .position(|w| w == [0xFF, 0xDA])
        .expect("a scan");
    let mut broken = PORTRAIT[..sos].to_vec();
    broken.extend([0xFF, 0xD9]);
    assert_eq!(
        compress(&broken).await,
        Err(BrowserError::Photo(PhotoError::Corrupt))
    );
}

#[wasm_bindgen_test]
fn messages_survive_the_trip_to_and_from_javascript() {
    let file = blob(b"not really a photo");
    let request = from_js::<Request>(to_js(&Request {
        id: 7,
        file: file.clone(),
        limits: PhotoLimits::default(),
    }))
    .expect("a request");
    assert_eq!(request.id, 7);
    assert_eq!(request.file, file, "the very same Blob");
    assert_eq!(request.limits, PhotoLimits::default());

    let bytes = Uint8Array::from(&b"\xFF\xD8\xFF\xD9"[..]).buffer();
    let place = PhotoPlace {
        point: Point {
            latitude: 41.8781,
            longitude: -87.6298,
        },
        taken_at: Some(ClockTime {
            day: CalendarDay {
                year: 2026,
                month: 11,
                day: 20,
            },
            hour: 8,
            minute: 15,
        }),
    };
    let replies = [
        Reply::Ready,
        Reply::Progress {
            id: 7,
            progress: Progress::decoding(),
        },
        Reply::Done {
            id: 7,
            bytes: bytes.clone(),
            width: 3,
            height: 4,
            place: Some(place),
        },
        Reply::Failed {
            id: 7,
            error: PhotoError::TooLarge { megapixels: 50 },
        },
    ];
    for reply in replies {
        let back = from_js::<Reply>(to_js(&reply)).expect("a reply");
        match (reply, back) {
            (Reply::Ready, Reply::Ready) => {}
            (Reply::Progress { progress: a, .. }, Reply::Progress { id, progress: b }) => {
                assert_eq!((id, a), (7, b));
            }
            (
                Reply::Done { bytes: a, .. },
                Reply::Done {
                    id,
                    bytes: b,
                    width,
                    height,
                    place: back,
                },
            ) => {
                assert_eq!((id, width, height), (7, 3, 4));
                assert_eq!(back, Some(place), "where the photo was taken crosses too");
                assert_eq!(a, b, "the very same ArrayBuffer");
            }
            (Reply::Failed { error: a, .. }, Reply::Failed { id, error: b }) => {
                assert_eq!((id, a), (7, b));
            }
            _ => panic!("the reply changed kind"),
        }
    }
}

#[wasm_bindgen_test]
async fn a_transparent_png_is_flattened_onto_white() {
    let png = judge::encoded(
        judge::red_square_on_nothing().into(),
        image::ImageFormat::Png,
    );
    let photo = compress(&png).await.expect("a PNG compresses");
    judge::assert_flattened_on_white(photo.width, photo.height, &photo.bytes);
}

#[wasm_bindgen_test]
async fn a_heic_photo_this_browser_cannot_open_says_so() {
    // An iPhone-like HEIC header: the brands and the size, no picture Chromium could decode.
    let boxed = |kind: &[u8], body: &[u8]| {
        let mut out = u32::try_from(body.len() + 8)
            .unwrap()
            .to_be_bytes()
            .to_vec();
        out.extend(kind);
        out.extend(body);
        out
    };
    let mut ispe = vec![0, 0, 0, 0];
    ispe.extend(4032u32.to_be_bytes());
    ispe.extend(3024u32.to_be_bytes());
    let mut meta = vec![0, 0, 0, 0];
    meta.extend(boxed(b"iprp", &boxed(b"ipco", &boxed(b"ispe", &ispe))));
    let mut heic = boxed(b"ftyp", b"heic\0\0\0\0mif1heic");
    heic.extend(boxed(b"meta", &meta));
    heic.extend(boxed(b"mdat", &[0x42; 64]));
    let refused = compress(&heic).await;
    assert_eq!(
        refused,
        Err(BrowserError::Photo(PhotoError::Unsupported {
            format: Format::Heif
        }))
    );
}
