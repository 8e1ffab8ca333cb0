//! Registering the service worker and offering its updates.
//!
//! A new version installs in the background and waits; the person is told and decides when
//! to reload, so nothing they are typing is lost to a surprise refresh.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

const SCRIPT: &str = "/sw.js";

/// Whether a new version is installed and waiting for the person's go-ahead.
#[derive(Clone, Copy)]
pub struct UpdateReady(pub RwSignal<bool>);

/// Registers the service worker, and sets `ready` when an update is waiting.
pub fn register(ready: UpdateReady) {
    let Some(container) = container() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register(SCRIPT)).await else {
            // Without a worker the app still runs; it only loses offline start-up.
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        watch_updates(&container, &registration, ready);
    });
}

/// Tells the waiting version to take over; the page reloads when it has.
pub fn apply_update() {
    let Some(container) = container() else {
        return;
    };
    let on_change = Closure::once_into_js(|| {
        let _ = window().location().reload();
    });
    container.set_oncontrollerchange(Some(on_change.unchecked_ref()));
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.get_registration()).await else {
            return;
        };
        let Some(waiting) = registration
            .dyn_into::<ServiceWorkerRegistration>()
            .ok()
            .and_then(|r| r.waiting())
        else {
            return;
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"skip-waiting".into());
        let _ = waiting.post_message(&message);
    });
}

/// The service worker API, absent on insecure origins and in some private modes.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

fn watch_updates(
    container: &ServiceWorkerContainer,
    registration: &ServiceWorkerRegistration,
    ready: UpdateReady,
) {
    // Only an update replaces a controller; the first install has none to replace.
    let has_controller = {
        let container = container.clone();
        move || container.controller().is_some()
    };
    if registration.waiting().is_some() && has_controller() {
        ready.0.set(true);
    }
    let watched = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = watched.installing() else {
            return;
        };
        let worker = installing.clone();
        let has_controller = has_controller.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && has_controller() {
                ready.0.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        // Lives as long as the worker it watches, which the browser owns.
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    // The registration lives as long as the page.
    on_update_found.forget();
}
