//! When a sync runs: coming back online, the page becoming visible again, and the service
//! worker saying the outbox changed (its own sync, woken by Background Sync, sends reports
//! while no page is open). Start-up, saving a report, "Send now" and the retry timer ask
//! directly.

use wasm_bindgen::JsCast;

use super::engine::SyncEngine;
use crate::platform::events::{listen, on_shown};

/// The Background Sync tag the service worker is woken with.
pub const BACKGROUND_SYNC_TAG: &str = "outbox";

/// The type of the service worker's message that its sync changed the outbox (sw.js sends it).
const OUTBOX_CHANGED: &str = "outbox-changed";

/// Listens for the moments a sync is worth trying; for the life of the page.
pub fn install(engine: &SyncEngine) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // Failures while offline said nothing about the server: try everything again at once.
    listen(&window, "online", {
        let engine = engine.clone();
        move |_| engine.request_now()
    });
    on_shown({
        let engine = engine.clone();
        move || engine.request()
    });
    let navigator = window.navigator();
    if js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        listen(&navigator.service_worker(), "message", {
            let engine = engine.clone();
            move |event: &web_sys::Event| {
                let data = event
                    .dyn_ref::<web_sys::MessageEvent>()
                    .map(web_sys::MessageEvent::data)
                    .and_then(|data| js_sys::Reflect::get(&data, &"type".into()).ok())
                    .and_then(|kind| kind.as_string());
                // Lists read the outbox again, and the run refreshes the header (or, the
                // worker being done, sends what it left).
                if data.as_deref() == Some(OUTBOX_CHANGED) {
                    engine.changed();
                    engine.request();
                }
            }
        });
    }
}

/// A report was saved or changed by the person: lists re-read the outbox, this tab sends it
/// now, and the service worker sends it when the network returns if this tab cannot.
pub fn report_saved(engine: &SyncEngine) {
    engine.changed();
    engine.request();
    register_background_sync();
}

/// Asks the browser to wake the service worker when the network returns, where it can
/// (Background Sync is not in every browser; the other triggers cover the rest).
fn register_background_sync() {
    leptos::task::spawn_local(async {
        let Some(window) = web_sys::window() else {
            return;
        };
        let navigator = window.navigator();
        if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
            return;
        }
        let Ok(ready) = navigator.service_worker().ready() else {
            return;
        };
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else {
            return;
        };
        let register = js_sys::Reflect::get(&registration, &"sync".into())
            .ok()
            .filter(|sync| !sync.is_undefined())
            .and_then(|sync| {
                let register = js_sys::Reflect::get(&sync, &"register".into()).ok()?;
                Some((sync, register.dyn_into::<js_sys::Function>().ok()?))
            });
        if let Some((sync, register)) = register
            && let Ok(promise) = register.call1(&sync, &BACKGROUND_SYNC_TAG.into())
        {
            let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await;
        }
    });
}
