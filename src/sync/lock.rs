//! One sync at a time across tabs, with the Web Locks API.

use std::future::Future;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

const NAME: &str = "report311-sync";

/// Runs `work` if no other tab is syncing; returns whether it ran. Where the browser has no
/// Web Locks, this tab runs it: it is the best that can be done there.
pub async fn if_available<F>(work: impl FnOnce() -> F + 'static) -> bool
where
    F: Future<Output = ()> + 'static,
{
    let Some(locks) = lock_manager() else {
        work().await;
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
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let request = js_sys::Reflect::get(&locks, &"request".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(request) = request else {
        return false;
    };
    let promise = request.call3(
        &locks,
        &NAME.into(),
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

fn lock_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &"locks".into())
        .ok()
        .filter(|locks| !locks.is_undefined())
}
