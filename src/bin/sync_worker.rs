//! The service worker's sync: Trunk builds it with no-modules glue (see its link in
//! index.html), which sw.js loads with `importScripts` and starts when Background Sync fires,
//! and when a new version takes charge, to keep the city's catalogue for offline reports.

use report311::catalogue::prefetch;
use report311::outbox::background;
use report311::outbox::engine::SyncObserver;
use report311::outbox::status::SyncStatus;
use wasm_bindgen::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
}

/// Sends the outbox with `config` (config.json's text), calling `on_change` whenever a report
/// changes. The promise rejects while reports are still waiting, so that the browser fires the
/// sync again later.
#[wasm_bindgen]
pub fn sync_outbox(config: String, on_change: js_sys::Function) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        background::sync_outbox(config.as_bytes(), OpenPages(on_change))
            .await
            .map(|()| JsValue::UNDEFINED)
            .map_err(|error| js_sys::Error::new(&error.to_string()).into())
    })
}

/// Keeps the city's whole catalogue on the device with `config` (config.json's text); the
/// promise rejects when it could not (pages try again when they start).
#[wasm_bindgen]
pub fn keep_catalogue(config: String) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        prefetch::keep_in_worker(config.as_bytes())
            .await
            .map(|readiness| JsValue::from_bool(readiness.is_ready()))
            .map_err(|error| js_sys::Error::new(&error.to_string()).into())
    })
}

/// The pages open while the worker syncs, reached through sw.js.
struct OpenPages(js_sys::Function);

impl SyncObserver for OpenPages {
    // Told that the outbox changed, pages count it themselves.
    fn status(&self, _: SyncStatus) {}

    fn changed(&self) {
        // A page that cannot be told reads the outbox when it next runs.
        let _ = self.0.call0(&JsValue::UNDEFINED);
    }
}
