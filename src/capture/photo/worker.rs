//! The worker's side: requests are queued and compressed one at a time, so that at most one
//! photo's pixels are in memory, with the browser's codecs when it has them and the pure Rust
//! pipeline when it does not.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

use super::browser::{self, BrowserError};
use super::compressed::CompressedPhoto;
use super::error::PhotoError;
use super::limits::PhotoLimits;
use super::native;
use super::progress::Progress;
use super::protocol::{Reply, Request, from_js, to_js};

thread_local! {
    static QUEUE: RefCell<VecDeque<Request>> = const { RefCell::new(VecDeque::new()) };
    static BUSY: Cell<bool> = const { Cell::new(false) };
}

/// Starts answering the page; the worker's `main` calls this once.
pub fn serve() {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        if let Some(request) = from_js(event.data()) {
            QUEUE.with_borrow_mut(|queue| queue.push_back(request));
            drain();
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&Reply::Ready, None);
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(reply: &Reply, transfer: Option<&ArrayBuffer>) {
    let message = to_js(reply);
    // Posting to the page only fails for values that cannot be cloned, which replies are not.
    let _ = match transfer {
        Some(buffer) => scope().post_message_with_transfer(&message, &Array::of1(buffer)),
        None => scope().post_message(&message),
    };
}

/// Compresses queued requests until none is left, unless that is already under way.
fn drain() {
    if BUSY.replace(true) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        while let Some(request) = QUEUE.with_borrow_mut(VecDeque::pop_front) {
            answer(request).await;
        }
        BUSY.set(false);
    });
}

async fn answer(Request { id, file, limits }: Request) {
    let report = |progress| post(&Reply::Progress { id, progress }, None);
    match compress(&file, &limits, report).await {
        Ok(photo) => post(
            &Reply::Done {
                id,
                bytes: photo.bytes.clone(),
                width: photo.width,
                height: photo.height,
                place: photo.place,
            },
            Some(&photo.bytes),
        ),
        Err(error) => post(&Reply::Failed { id, error }, None),
    }
}

async fn compress(
    file: &Blob,
    limits: &PhotoLimits,
    report: impl Fn(Progress),
) -> Result<CompressedPhoto<ArrayBuffer>, PhotoError> {
    match browser::compress(file, limits, &report).await {
        Ok(photo) => return Ok(photo),
        Err(BrowserError::Photo(error)) => return Err(error),
        Err(BrowserError::Missing) => {}
    }
    // The whole file and its pixels go into wasm memory: only for browsers without the APIs.
    report(Progress::reading());
    let bytes = browser::read(file).await?;
    let photo = native::compress(&bytes, limits, &report)?;
    Ok(CompressedPhoto {
        bytes: Uint8Array::from(photo.bytes.as_slice()).buffer(),
        width: photo.width,
        height: photo.height,
        place: photo.place,
    })
}
