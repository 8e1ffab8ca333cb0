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

thread_local! {
    /// `Date.toLocaleString` builds a formatter on every call, which long lists felt; this one
    /// is built once, with the locale and the fields `toLocaleString` uses.
    static DATE_TIME: js_sys::Intl::DateTimeFormat = {
        let options = js_sys::Object::new();
        for field in ["year", "month", "day", "hour", "minute", "second"] {
            let _ = js_sys::Reflect::set(&options, &field.into(), &"numeric".into());
        }
        js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options)
    };
}

/// A moment (milliseconds since the epoch) as the person's locale writes dates and times, in
/// their time zone.
pub fn local_datetime(ms: i64) -> String {
    // Within f64's exact integers for any date a person will see.
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    DATE_TIME
        .with(|format| format.format().call1(&format.into(), &date.into()))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// A recent moment as a person says it: "12:41" today, "Dec 6, 12:41" before, in their
/// locale and time zone.
pub fn local_moment_short(ms: i64) -> String {
    // Within f64's exact integers for any date a person will see.
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let today = js_sys::Date::new_0().to_date_string() == date.to_date_string();
    let options = js_sys::Object::new();
    let mut fields = vec![("hour", "numeric"), ("minute", "2-digit")];
    if !today {
        fields.extend([("month", "short"), ("day", "numeric")]);
    }
    for (field, style) in fields {
        let _ = js_sys::Reflect::set(&options, &field.into(), &style.into());
    }
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options);
    format
        .format()
        .call1(&format, &date.into())
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn writes_a_moment_as_to_locale_string_does() {
        for ms in [0_i64, 1_354_000_000_000, 1_795_000_000_000] {
            #[allow(clippy::cast_precision_loss)]
            let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
            let expected: String = date
                .to_locale_string("default", &js_sys::Object::new())
                .into();
            assert_eq!(local_datetime(ms), expected);
        }
    }
}
