//! The server's create-request body decoder as the server runs it, on any body under any
//! content type: a submission or a 400 with an error array, never a panic.
#![no_main]

use std::sync::LazyLock;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use libfuzzer_sys::fuzz_target;
use open311_server::read_create_body;

const BOUNDARY: &str = "fuzz-boundary";

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime")
});

fuzz_target!(|input: &[u8]| {
    // The first byte picks the content type, so that most runs reach a decoder.
    let Some((&kind, body)) = input.split_first() else {
        return;
    };
    let multipart = format!("multipart/form-data; boundary={BOUNDARY}");
    let content_type = match kind % 4 {
        0 => "application/x-www-form-urlencoded",
        1 | 2 => multipart.as_str(),
        _ => "",
    };
    let request = Request::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body.to_vec()))
        .expect("a valid request");
    if let Err(error) = RUNTIME.block_on(read_create_body(request)) {
        assert_eq!(error.status(), StatusCode::BAD_REQUEST);
        assert!(!error.api_errors().is_empty());
    }
});
