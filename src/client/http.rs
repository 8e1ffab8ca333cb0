//! `fetch`, reduced to bytes in and an [`HttpAnswer`] out, with a time limit and a size
//! limit; in pages and in the service worker alike.

use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, Headers, ReadableStreamDefaultReader, ReadableStreamReadResult,
    RequestInit, Response,
};

use super::answer::HttpAnswer;
use super::error::ClientError;
use super::limited_body::{LimitedBody, MAX_ANSWER_BYTES};
use crate::platform::scope;
use gloo_timers::callback::Timeout;

/// How long the app waits for any answer: long enough for a photo upload on a weak
/// signal, short enough that a dead connection is noticed.
pub const TIMEOUT_MS: u32 = 60_000;

/// A request body and its content type.
pub struct Body {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// GET `url` with extra `headers`.
pub async fn get(url: &str, headers: &[(&str, &str)]) -> Result<HttpAnswer, ClientError> {
    send("GET", url, headers, None).await
}

/// POST `body` to `url` with extra `headers`.
pub async fn post(
    url: &str,
    headers: &[(&str, &str)],
    body: Body,
) -> Result<HttpAnswer, ClientError> {
    send("POST", url, headers, Some(body)).await
}

async fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<Body>,
) -> Result<HttpAnswer, ClientError> {
    let js_error = |e: JsValue| ClientError::Network(describe(&e));
    let controller = AbortController::new().map_err(js_error)?;
    let init = RequestInit::new();
    init.set_method(method);
    init.set_signal(Some(&controller.signal()));
    let request_headers = Headers::new().map_err(js_error)?;
    for (name, value) in headers {
        request_headers.set(name, value).map_err(js_error)?;
    }
    if let Some(body) = &body {
        request_headers
            .set("Content-Type", &body.content_type)
            .map_err(js_error)?;
        init.set_body(&Uint8Array::from(body.bytes.as_slice()));
    }
    init.set_headers(&request_headers);

    // Dropped when the exchange ends, which cancels it.
    let _time_limit = Timeout::new(TIMEOUT_MS, {
        let controller = controller.clone();
        move || controller.abort()
    });
    let outcome = exchange(url, &init, &controller.signal()).await;
    if outcome.is_err() {
        // Whatever is still arriving is not wanted.
        controller.abort();
    }
    outcome
}

async fn exchange(
    url: &str,
    init: &RequestInit,
    signal: &AbortSignal,
) -> Result<HttpAnswer, ClientError> {
    let failed = |e: JsValue| {
        if signal.aborted() {
            ClientError::Timeout
        } else {
            ClientError::Network(describe(&e))
        }
    };
    let response: Response = JsFuture::from(scope::fetch(url, init))
        .await
        .map_err(failed)?
        .unchecked_into();
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let mut body = LimitedBody::new(MAX_ANSWER_BYTES, header("Content-Length").as_deref())?;
    if let Some(stream) = response.body() {
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        loop {
            let chunk: ReadableStreamReadResult = JsFuture::from(reader.read())
                .await
                .map_err(failed)?
                .unchecked_into();
            if chunk.get_done().unwrap_or(true) {
                break;
            }
            body.push(&Uint8Array::new(&chunk.get_value()).to_vec())?;
        }
    }
    Ok(HttpAnswer {
        status: response.status(),
        retry_after: header("Retry-After"),
        etag: header("ETag"),
        body: body.into_bytes(),
    })
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the request failed".to_owned())
}
