//! What windows and workers both have, taken from the global scope rather than from `window`:
//! the sync also runs in the service worker, which has no window.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::RequestInit;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`.
    #[wasm_bindgen(js_name = fetch)]
    pub fn fetch(url: &str, init: &RequestInit) -> Promise;

    /// The global `setTimeout`; the handle is for [`clear_timeout`].
    #[wasm_bindgen(catch, js_name = setTimeout)]
    pub fn set_timeout(handler: &Function, delay_ms: i32) -> Result<i32, JsValue>;

    /// The global `clearTimeout`.
    #[wasm_bindgen(js_name = clearTimeout)]
    pub fn clear_timeout(handle: i32);
}

/// Resolves after `delay_ms` (at once if the timer cannot be set, rather than never).
pub async fn sleep(delay_ms: i32) {
    let elapsed = Promise::new(&mut |resolve, _reject| {
        if set_timeout(&resolve, delay_ms).is_err() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(elapsed).await;
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
