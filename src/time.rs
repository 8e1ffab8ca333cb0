//! The browser's clock and randomness, in the units the pure logic takes.

/// Milliseconds since the epoch.
pub fn now_ms() -> u64 {
    // Date.now() is a whole, positive number of milliseconds well inside u64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let now = js_sys::Date::now() as u64;
    now
}

/// A random number in `[0, 1)`, for backoff jitter.
pub fn jitter() -> f64 {
    js_sys::Math::random()
}

/// A moment (milliseconds since the epoch) as the person's locale writes dates and times, in
/// their time zone.
pub fn local_datetime(ms: i64) -> String {
    // Within f64's exact integers for any date a person will see.
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    date.to_locale_string("default", &js_sys::Object::new())
        .into()
}
