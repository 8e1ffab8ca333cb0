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
