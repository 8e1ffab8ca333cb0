//! Strong ETags on API reads, so a client polling its reports pays for a body only when
//! something changed.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::random::to_hex;

/// API bodies are small documents built in memory; this only bounds a mistake.
const MAX_TAGGED_BODY: usize = 64 * 1024 * 1024;

pub async fn tag_responses(request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_TAGGED_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let tag = strong_tag(&bytes);
    let tag_value = HeaderValue::from_str(&tag).expect("a quoted hex string is a valid header");
    let unchanged = if_none_match
        .as_ref()
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| if_none_match_hits(value, &tag));
    if unchanged {
        return not_modified(&parts.headers, tag_value);
    }
    parts.headers.insert(header::ETAG, tag_value);
    Response::from_parts(parts, Body::from(bytes))
}

/// A strong validator: the first 128 bits of the body's SHA-256, quoted.
pub fn strong_tag(body: &[u8]) -> String {
    format!("\"{}\"", to_hex(&Sha256::digest(body)[..16]))
}

/// `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/` prefixes are ignored.
pub fn if_none_match_hits(header_value: &str, tag: &str) -> bool {
    header_value.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
    })
}

/// A 304 keeps the headers a cache needs to refresh its stored copy, and no body.
fn not_modified(original: &HeaderMap, tag: HeaderValue) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    let headers = response.headers_mut();
    headers.insert(header::ETAG, tag);
    for name in [
        header::CACHE_CONTROL,
        header::VARY,
        header::CONTENT_LOCATION,
    ] {
        if let Some(value) = original.get(&name) {
            headers.insert(name, value.clone());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_quoted_stable_and_body_dependent() {
        let tag = strong_tag(b"[]");
        assert_eq!(tag, strong_tag(b"[]"));
        assert_ne!(tag, strong_tag(b"[{}]"));
        assert!(tag.starts_with('"') && tag.ends_with('"'));
        assert_eq!(tag.len(), 34);
    }

    #[test]
    fn if_none_match_lists_and_weak_forms() {
        let tag = strong_tag(b"body");
        assert!(if_none_match_hits(&tag, &tag));
        assert!(if_none_match_hits(&format!("\"x\", {tag}"), &tag));
        assert!(if_none_match_hits(&format!("W/{tag}"), &tag));
        assert!(if_none_match_hits("*", &tag));
        assert!(!if_none_match_hits("\"other\"", &tag));
        assert!(!if_none_match_hits("", &tag));
    }
}
