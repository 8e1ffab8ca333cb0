//! The messages between the page and the photo worker. Plain fields go through serde; the
//! file and the JPEG pass through as the JavaScript objects they are (the JPEG's buffer is
//! transferred, not copied).
//!
//! Replies are externally tagged (`"ready"`, `{"done": {...}}`): serde buffers internally
//! tagged enums, and buffering loses the JavaScript objects that pass through.

use js_sys::ArrayBuffer;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use web_sys::Blob;

use super::error::PhotoError;
use super::limits::PhotoLimits;
use super::progress::Progress;
use crate::capture::photo_place::PhotoPlace;

/// A photo to compress, from the page to the worker.
#[derive(Serialize, Deserialize)]
pub struct Request {
    /// Matches the replies to the request.
    pub id: u32,
    /// The photo file (a `File` is a `Blob`).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub file: Blob,
    /// The limits to obey.
    pub limits: PhotoLimits,
}

/// A message from the worker to the page.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Reply {
    /// The worker listens: requests posted before this would have been lost.
    Ready,
    /// Request `id` reached a new stage.
    Progress {
        /// The request.
        id: u32,
        /// Where it is.
        progress: Progress,
    },
    /// Request `id` is done: `bytes` is the JPEG.
    Done {
        /// The request.
        id: u32,
        /// The JPEG file.
        #[serde(with = "serde_wasm_bindgen::preserve")]
        bytes: ArrayBuffer,
        /// Pixels across.
        width: u32,
        /// Pixels down.
        height: u32,
        /// Where the original was taken.
        place: Option<PhotoPlace>,
    },
    /// Request `id` failed.
    Failed {
        /// The request.
        id: u32,
        /// Why.
        error: PhotoError,
    },
}

/// Converts a message to a JavaScript value for `postMessage`.
pub fn to_js(message: &impl Serialize) -> JsValue {
    // Serialising these types to JavaScript values cannot fail: they have no maps and no
    // numbers out of a double's range.
    serde_wasm_bindgen::to_value(message).unwrap_or(JsValue::UNDEFINED)
}

/// Reads a message received from `postMessage`, if it is one.
pub fn from_js<T: for<'de> Deserialize<'de>>(value: JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(value).ok()
}
