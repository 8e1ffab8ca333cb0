//! What this engine offers, found by looking for the feature, never by the user agent.

use wasm_bindgen::JsValue;

/// Background Sync: the service worker can be woken to send when the network is back
/// (Chromium; not WebKit or Firefox).
pub fn background_sync() -> bool {
    has_global("SyncManager")
}

/// The app runs installed, from the Home Screen or as a standalone window (where Safari keeps
/// its storage and allows notifications).
pub fn installed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let standalone = window
        .match_media("(display-mode: standalone)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches());
    // iOS Safari says so on the navigator instead.
    let ios_standalone = js_sys::Reflect::get(&window.navigator(), &"standalone".into())
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false);
    standalone || ios_standalone
}

fn has_global(name: &str) -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .is_ok_and(|value| !value.is_undefined())
}
