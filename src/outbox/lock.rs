//! One sync at a time across tabs and the service worker, with the Web Locks API.

use std::future::Future;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

use crate::platform::{lease, scope};

const NAME: &str = "report311-sync";

/// Runs `work` once no other tab or worker syncs, waiting for the one that does (rather than
/// polling the outbox until it is done); returns whether it ran. Where the browser has no Web
/// Locks, pages take turns by a lease in `localStorage` (see [`lease`]); a worker there runs it
/// alone, and the idempotency key still files each report once.
pub async fn exclusive<F>(work: impl FnOnce() -> F + 'static) -> bool
where
    F: Future<Output = ()> + 'static,
{
    exclusive_as(NAME, work).await
}

/// [`exclusive`] for the lock called `name`: one holder across tabs and workers at a time.
pub async fn exclusive_as<F>(name: &str, work: impl FnOnce() -> F + 'static) -> bool
where
    F: Future<Output = ()> + 'static,
{
    let Some(locks) = scope::lock_manager() else {
        lease::hold(name, work).await;
        return true;
    };
    let mut work = Some(work);
    let callback =
        Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |lock: JsValue| {
            match (lock.is_null(), work.take()) {
                (false, Some(work)) => future_to_promise(async move {
                    work().await;
                    Ok(JsValue::TRUE)
                }),
                _ => js_sys::Promise::resolve(&JsValue::FALSE),
            }
        });
    let options = js_sys::Object::new();
    let request = js_sys::Reflect::get(&locks, &"request".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(request) = request else {
        return false;
    };
    let promise = request.call3(
        &locks,
        &name.into(),
        &options,
        callback.as_ref().unchecked_ref(),
    );
    let ran = match promise {
        Ok(promise) => JsFuture::from(js_sys::Promise::from(promise)).await,
        Err(error) => Err(error),
    };
    drop(callback);
    ran.is_ok_and(|value| value.is_truthy())
}
