//! Keeping the whole catalogue on the device from the first visit, so that a person who opened
//! the app once with a connection can file a report of any kind without one: at every start
//! while online, once the first screen is up and the browser is idle, one request at a time;
//! a failure is tried again later, quietly.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;

use super::Catalogue;
use super::readiness::Readiness;
use crate::catalogue::CatalogueError;
use crate::config::AppConfig;
use crate::outbox::lock;
use crate::platform::events::listen;
use crate::platform::scope;
use crate::platform::timer::Planned;
use crate::store;

/// One fetch of the catalogue at a time across tabs and the service worker: the second finds
/// it fresh and asks for nothing.
const LOCK: &str = "report311-catalogue";

/// The first wait after a failure; it doubles up to [`MAX_RETRY_MS`].
const FIRST_RETRY_MS: u64 = 30_000;
const MAX_RETRY_MS: u64 = 30 * 60_000;

/// What the home screen shows of the catalogue; it lives before the session does.
#[derive(Clone, Copy)]
pub struct OfflineReadiness {
    /// None until the device's catalogue has been read.
    pub readiness: RwSignal<Option<Readiness>>,
    /// The catalogue is being fetched.
    pub saving: RwSignal<bool>,
    /// The browser has a network.
    pub online: RwSignal<bool>,
}

impl Default for OfflineReadiness {
    fn default() -> Self {
        OfflineReadiness {
            readiness: RwSignal::new(None),
            saving: RwSignal::new(false),
            online: RwSignal::new(scope::online()),
        }
    }
}

impl OfflineReadiness {
    /// What the home screen says, if anything.
    pub fn sentence(&self) -> Option<String> {
        self.readiness
            .get()?
            .sentence(self.online.get(), self.saving.get())
    }
}

/// Keeps the catalogue for the life of the page, telling `signals`.
pub fn start(catalogue: Catalogue, signals: OfflineReadiness) {
    let keeper = Rc::new(Keeper {
        catalogue,
        signals,
        running: Cell::new(false),
        retry_ms: Cell::new(FIRST_RETRY_MS),
        retry: Planned::default(),
    });
    {
        let keeper = keeper.clone();
        leptos::task::spawn_local(async move {
            if let Ok(readiness) = keeper.catalogue.readiness().await {
                keeper.signals.readiness.try_set(Some(readiness));
            }
        });
    }
    if let Some(window) = web_sys::window() {
        let back_online = {
            let keeper = keeper.clone();
            move |_: &web_sys::Event| {
                keeper.signals.online.try_set(true);
                keeper.clone().run();
            }
        };
        listen(&window, "online", back_online);
        listen(&window, "offline", move |_| {
            signals.online.try_set(false);
        });
    }
    when_idle(move || keeper.run());
}

struct Keeper {
    catalogue: Catalogue,
    signals: OfflineReadiness,
    running: Cell<bool>,
    retry_ms: Cell<u64>,
    retry: Planned,
}

impl Keeper {
    fn run(self: Rc<Self>) {
        // Offline, the `online` event starts it.
        if self.running.get() || !scope::online() {
            return;
        }
        self.running.set(true);
        self.retry.cancel();
        self.signals.saving.try_set(true);
        leptos::task::spawn_local(async move {
            let outcome = keep_locked(self.catalogue.clone()).await;
            self.running.set(false);
            self.signals.saving.try_set(false);
            match outcome {
                Ok(readiness) => {
                    self.signals.readiness.try_set(Some(readiness));
                    self.retry_ms.set(FIRST_RETRY_MS);
                }
                Err(_) => {
                    // What was saved before the failure still counts.
                    if let Ok(readiness) = self.catalogue.readiness().await {
                        self.signals.readiness.try_set(Some(readiness));
                    }
                    let delay = self.retry_ms.get();
                    self.retry_ms.set((delay * 2).min(MAX_RETRY_MS));
                    let again = self.clone();
                    self.retry.at(delay, move || again.clone().run());
                }
            }
        });
    }
}

/// [`Catalogue::keep_all`] under the lock that keeps it to one tab or worker at a time.
async fn keep_locked(catalogue: Catalogue) -> Result<Readiness, CatalogueError> {
    let outcome = Rc::new(Cell::new(None));
    {
        let outcome = outcome.clone();
        lock::exclusive_as(LOCK, move || async move {
            outcome.set(Some(catalogue.keep_all().await));
        })
        .await;
    }
    outcome.take().unwrap_or_else(|| {
        Err(CatalogueError::Store(store::StoreError::Other(
            "the catalogue's lock was not granted".to_owned(),
        )))
    })
}

/// Calls `work` once the browser is idle (the first screen painted and the app started), or
/// soon where the browser cannot say (Safari has no `requestIdleCallback`).
fn when_idle(work: impl FnOnce() + 'static) {
    let global = js_sys::global();
    let idle = js_sys::Reflect::get(&global, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(request) = idle else {
        Timeout::new(1_000, work).forget();
        return;
    };
    let callback = Closure::once_into_js(work);
    let options = js_sys::Object::new();
    // Idle or not, within a few seconds: the catalogue is what offline needs.
    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &5_000.into());
    if request.call2(&global, &callback, &options).is_err() {
        let callback = js_sys::Function::from(callback);
        Timeout::new(1_000, move || {
            let _ = callback.call0(&JsValue::UNDEFINED);
        })
        .forget();
    }
}

/// The service worker's keeping of the catalogue, when a new version takes charge: with
/// `config` (config.json's text), one request at a time, under the same lock as pages.
pub async fn keep_in_worker(config: &[u8]) -> Result<Readiness, CatalogueError> {
    let config = AppConfig::parse(config)?;
    let db = store::open(store::DEFAULT_NAME).await?;
    keep_locked(Catalogue::new(db, config.endpoints())).await
}
