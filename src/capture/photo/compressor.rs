//! The page's side: one worker, started with the first photo and reused, and a future per
//! photo that always ends, with the photo or with an error, even if the worker dies or hangs.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, MessageEvent, Worker};

use super::compressed::CompressedPhoto;
use super::error::PhotoError;
use super::limits::PhotoLimits;
use super::progress::Progress;
use super::protocol::{Reply, Request, from_js, to_js};

/// Where Trunk puts the worker's loader (`data-loader-shim` on the worker's link in index.html;
/// worker files keep their names, unhashed).
const WORKER_URL: &str = "/photo_worker_loader.js";
/// A worker silent this long while photos wait is taken for hung. Every stage of every photo
/// posts a message, and no stage takes nearly this long even on a slow phone.
const SILENCE_LIMIT_MS: i32 = 60_000;
/// A worker not listening after this long never will: a worker whose wasm fails to load
/// reports nothing to the page, so only time tells.
const STARTUP_LIMIT_MS: i32 = 20_000;

/// Compresses `file` in the photo worker (started on first use), reporting each stage to
/// `on_progress`.
pub async fn compress(
    file: &Blob,
    limits: &PhotoLimits,
    on_progress: impl Fn(Progress) + 'static,
) -> Result<CompressedPhoto, PhotoError> {
    let on_progress: Rc<dyn Fn(Progress)> = Rc::new(on_progress);
    // The executor runs at once, inside `Promise::new`.
    let promise = Promise::new(&mut |settle, _| {
        submit(file, limits, settle, on_progress.clone());
    });
    let reply = JsFuture::from(promise).await.ok().and_then(from_js);
    match reply {
        Some(Reply::Done {
            bytes,
            width,
            height,
            place,
            ..
        }) => Ok(CompressedPhoto {
            bytes: Uint8Array::new(&bytes).to_vec(),
            width,
            height,
            place,
        }),
        Some(Reply::Failed { error, .. }) => Err(error),
        _ => Err(PhotoError::Unavailable),
    }
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// The running worker and the photos it owes.
struct Client {
    worker: Worker,
    /// Requests posted before the worker listens are lost, so they wait here until it does.
    backlog: Option<Vec<JsValue>>,
    pending: HashMap<u32, Pending>,
    next_id: u32,
    watchdog: Option<i32>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
    on_silence: Closure<dyn FnMut()>,
}

struct Pending {
    settle: Function,
    on_progress: Rc<dyn Fn(Progress)>,
}

fn submit(file: &Blob, limits: &PhotoLimits, settle: Function, on_progress: Rc<dyn Fn(Progress)>) {
    let started = CLIENT.with_borrow_mut(|slot| {
        if slot.is_none() {
            *slot = Some(Client::start()?);
        }
        let client = slot.as_mut()?;
        let id = client.next_id;
        client.next_id = id.wrapping_add(1);
        client.pending.insert(
            id,
            Pending {
                settle: settle.clone(),
                on_progress,
            },
        );
        let request = to_js(&Request {
            id,
            file: file.clone(),
            limits: *limits,
        });
        match &mut client.backlog {
            Some(backlog) => backlog.push(request),
            None => {
                let _ = client.worker.post_message(&request);
            }
        }
        client.arm_watchdog();
        Some(())
    });
    if started.is_none() {
        settle_failed(&settle, 0, PhotoError::Unavailable);
    }
}

impl Client {
    fn start() -> Option<Self> {
        let worker = Worker::new(WORKER_URL).ok()?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            on_reply(event.data());
        });
        // A script that fails to load, or a panic in the worker's wasm, arrives as an error.
        let on_error = Closure::<dyn FnMut(JsValue)>::new(|_| fail_all(PhotoError::Unavailable));
        let on_silence = Closure::<dyn FnMut()>::new(on_silence);
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Self {
            worker,
            backlog: Some(Vec::new()),
            pending: HashMap::new(),
            next_id: 1,
            watchdog: None,
            _on_message: on_message,
            _on_error: on_error,
            on_silence,
        })
    }

    /// Restarts the silence timer while photos are owed, and stops it when none is.
    fn arm_watchdog(&mut self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(timer) = self.watchdog.take() {
            window.clear_timeout_with_handle(timer);
        }
        if !self.pending.is_empty() {
            let limit = if self.listening() {
                SILENCE_LIMIT_MS
            } else {
                STARTUP_LIMIT_MS
            };
            self.watchdog = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    self.on_silence.as_ref().unchecked_ref(),
                    limit,
                )
                .ok();
        }
    }

    fn listening(&self) -> bool {
        self.backlog.is_none()
    }
}

fn on_silence() {
    let listening = CLIENT.with_borrow(|slot| slot.as_ref().is_some_and(Client::listening));
    fail_all(if listening {
        PhotoError::TimedOut
    } else {
        PhotoError::Unavailable
    });
}

fn on_reply(data: JsValue) {
    let Some(reply) = from_js::<Reply>(data.clone()) else {
        return;
    };
    let (id, finished) = match reply {
        Reply::Ready => {
            CLIENT.with_borrow_mut(|slot| {
                if let Some(client) = slot {
                    for request in client.backlog.take().unwrap_or_default() {
                        let _ = client.worker.post_message(&request);
                    }
                    client.arm_watchdog();
                }
            });
            return;
        }
        Reply::Progress { id, progress } => {
            let on_progress = CLIENT.with_borrow_mut(|slot| {
                let client = slot.as_mut()?;
                client.arm_watchdog();
                client.pending.get(&id).map(|p| p.on_progress.clone())
            });
            // Called outside the borrow: it may well start another photo.
            if let Some(on_progress) = on_progress {
                on_progress(progress);
            }
            return;
        }
        Reply::Done { id, .. } | Reply::Failed { id, .. } => (id, data),
    };
    let pending = CLIENT.with_borrow_mut(|slot| {
        let client = slot.as_mut()?;
        let pending = client.pending.remove(&id);
        client.arm_watchdog();
        pending
    });
    if let Some(pending) = pending {
        let _ = pending.settle.call1(&JsValue::NULL, &finished);
    }
}

/// Ends every owed photo with `error` and stops the worker; the next photo starts a new one.
fn fail_all(error: PhotoError) {
    let Some(mut client) = CLIENT.with_borrow_mut(Option::take) else {
        return;
    };
    client.worker.terminate();
    let owed = std::mem::take(&mut client.pending);
    client.arm_watchdog();
    for (id, pending) in owed {
        settle_failed(&pending.settle, id, error);
    }
    // This runs inside one of the client's own handlers: drop them once it has returned.
    wasm_bindgen_futures::spawn_local(async move { drop(client) });
}

fn settle_failed(settle: &Function, id: u32, error: PhotoError) {
    let _ = settle.call1(&JsValue::NULL, &to_js(&Reply::Failed { id, error }));
}
