//! How much room the app has on the device, and keeping its data from being evicted.

use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{StorageEstimate, StorageManager};

/// The app's use of the device's storage, in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    /// Bytes used.
    pub usage: u64,
    /// Bytes the browser lets the app use.
    pub quota: u64,
}

/// Asks the browser to keep the app's data even when the device runs low on space, and says
/// whether it will. Asks only when not granted already, since some browsers ask the person.
pub async fn persist() -> bool {
    let Some(storage) = storage_manager() else {
        return false;
    };
    answer(storage.persisted()).await || answer(storage.persist()).await
}

/// Whether the browser has promised to keep the app's data; asks nothing.
pub async fn persisted() -> bool {
    let Some(storage) = storage_manager() else {
        return false;
    };
    answer(storage.persisted()).await
}

/// How much the app stores and may store; `None` where the browser does not say.
pub async fn estimate() -> Option<Usage> {
    let promise = storage_manager()?.estimate().ok()?;
    let estimate: StorageEstimate = JsFuture::from(promise).await.ok()?.unchecked_into();
    Some(Usage {
        usage: whole_bytes(estimate.get_usage()?),
        quota: whole_bytes(estimate.get_quota()?),
    })
}

/// Usage for the person, e.g. "2.4 MB used of 1.2 GB".
pub fn describe_usage(usage: u64, quota: u64) -> String {
    format!("{} used of {}", format_bytes(usage), format_bytes(quota))
}

/// `navigator.storage`, which is missing outside secure contexts and in old browsers.
fn storage_manager() -> Option<StorageManager> {
    let navigator = web_sys::window()?.navigator();
    Reflect::get(&navigator, &JsValue::from_str("storage"))
        .ok()?
        .dyn_into()
        .ok()
}

/// Whether a promise for a boolean came true; a failure counts as no.
async fn answer(promise: Result<Promise, JsValue>) -> bool {
    let Ok(promise) = promise else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|granted| granted.as_bool())
        .unwrap_or(false)
}

/// A byte count the browser gave as a JS number.
fn whole_bytes(bytes: f64) -> u64 {
    // `as` saturates: a negative or absurd figure cannot wrap around.
    bytes as u64
}

/// A byte count in decimal units, as phones and file managers show them: "512 bytes",
/// "2.4 MB", "120 MB", "1.2 GB".
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["kB", "MB", "GB", "TB", "PB"];
    match bytes {
        1 => return "1 byte".to_owned(),
        0..1000 => return format!("{bytes} bytes"),
        _ => {}
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    // Move up while the figure would round to 1000 of this unit.
    while value >= 999.5 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if value < 9.95 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_reads_as_a_sentence() {
        assert_eq!(
            describe_usage(2_400_000, 1_200_000_000),
            "2.4 MB used of 1.2 GB"
        );
        assert_eq!(describe_usage(0, 500), "0 bytes used of 500 bytes");
    }

    #[test]
    fn small_figures_get_a_decimal_and_large_ones_none() {
        assert_eq!(format_bytes(1), "1 byte");
        assert_eq!(format_bytes(999), "999 bytes");
        assert_eq!(format_bytes(1_000), "1.0 kB");
        assert_eq!(format_bytes(12_345), "12 kB");
        assert_eq!(format_bytes(9_940_000), "9.9 MB");
        assert_eq!(format_bytes(9_960_000), "10 MB");
        assert_eq!(format_bytes(120_400_000), "120 MB");
    }

    #[test]
    fn rounding_never_shows_a_thousand_of_a_unit() {
        assert_eq!(format_bytes(999_499), "999 kB");
        assert_eq!(format_bytes(999_500), "1.0 MB");
        assert_eq!(format_bytes(999_999_999), "1.0 GB");
    }

    #[test]
    fn the_largest_unit_takes_any_size() {
        assert_eq!(format_bytes(u64::MAX), "18447 PB");
    }

    #[test]
    fn browser_figures_become_whole_bytes() {
        assert_eq!(whole_bytes(1234.0), 1234);
        assert_eq!(whole_bytes(-1.0), 0);
        assert_eq!(whole_bytes(f64::NAN), 0);
    }
}
