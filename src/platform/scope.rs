//! What windows and workers both have, taken from the global scope rather than from `window`:
//! the sync also runs in the service worker, which has no window.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use web_sys::RequestInit;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`.
    #[wasm_bindgen(js_name = fetch)]
    pub fn fetch(url: &str, init: &RequestInit) -> Promise;

}

/// `navigator.locks`, where the browser has Web Locks (pages and workers alike).
pub fn lock_manager() -> Option<JsValue> {
    js_sys::Reflect::get(&navigator()?, &"locks".into())
        .ok()
        .filter(|locks| !locks.is_undefined())
}

/// False only when the browser knows it has no network (`navigator.onLine`): a request made
/// then fails before it leaves. True when it cannot tell.
pub fn online() -> bool {
    navigator()
        .and_then(|n| js_sys::Reflect::get(&n, &"onLine".into()).ok())
        .and_then(|online| online.as_bool())
        .unwrap_or(true)
}

fn navigator() -> Option<JsValue> {
    js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).ok()
}
