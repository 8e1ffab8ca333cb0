//! Logs: one line per request with method, path, status and duration. Credentials never
//! reach them: no bodies, no headers, `api_key` is cut from query strings, and any part of
//! the path or query that holds one of this server's credentials is replaced, however a
//! client came to put it there.

use std::io::IsTerminal;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use percent_encoding::percent_decode_str;
use tracing_subscriber::EnvFilter;

use crate::cli::Credentials;
use crate::state::SharedState;

/// What a path segment or query pair holding a credential is logged as.
const REDACTED: &str = "[redacted]";

/// Logs go to stderr so stdout carries only the line announcing the address.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .init();
}

pub async fn log_request(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let credentials = &state.credentials;
    let path = redact_path(request.uri().path(), credentials);
    let query = request
        .uri()
        .query()
        .map(|query| redact_query(query, credentials))
        .unwrap_or_default();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        path,
        query,
        status = response.status().as_u16(),
        duration_ms = format_args!("{:.1}", started.elapsed().as_secs_f64() * 1000.0),
        "request"
    );
    response
}

/// The path with every segment that holds a credential replaced.
fn redact_path(path: &str, credentials: &Credentials) -> String {
    path.split('/')
        .map(|segment| {
            let decoded = percent_decode_str(segment).decode_utf8_lossy();
            if holds_credential(segment, &decoded, credentials) {
                REDACTED
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The query without any `api_key` parameter, however its name is percent-encoded, and
/// with every pair that holds a credential replaced.
fn redact_query(query: &str, credentials: &Credentials) -> String {
    query
        .split('&')
        .filter_map(|pair| {
            let decoded = form_decoded(pair);
            let name = decoded.split('=').next().unwrap_or_default();
            if name.trim().eq_ignore_ascii_case("api_key") {
                None
            } else if holds_credential(pair, &decoded, credentials) {
                Some(REDACTED)
            } else {
                Some(pair)
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A query component as the server reads it: `+` is a space, then percent-decoding.
fn form_decoded(raw: &str) -> String {
    percent_decode_str(&raw.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

fn holds_credential(raw: &str, decoded: &str, credentials: &Credentials) -> bool {
    credentials
        .all()
        .map(|secret| secret.expose())
        .filter(|secret| !secret.is_empty())
        .any(|secret| raw.contains(secret) || decoded.contains(secret))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Secret;

    fn credentials() -> Credentials {
        Credentials {
            api_keys: vec![Secret::new("k3y-one".into()), Secret::new("k3y two".into())],
            admin_token: Secret::new("adm1n".into()),
        }
    }

    #[test]
    fn api_key_is_removed_from_queries() {
        let credentials = credentials();
        let redact = |query| redact_query(query, &credentials);
        assert_eq!(redact("api_key=s3cret&status=open"), "status=open");
        assert_eq!(redact("status=open&api%5Fkey=s3cret"), "status=open");
        assert_eq!(redact("API_KEY=s3cret"), "");
        assert_eq!(redact("page=2&page_size=10"), "page=2&page_size=10");
        assert_eq!(redact("api_keys=list"), "api_keys=list");
    }

    #[test]
    fn credentials_are_replaced_wherever_they_are_in_the_query() {
        let credentials = credentials();
        let redact = |query| redact_query(query, &credentials);
        assert_eq!(redact("token=adm1n&page=2"), "[redacted]&page=2");
        assert_eq!(redact("q=xk3y-onex"), "[redacted]");
        assert_eq!(redact("k3y-one=1"), "[redacted]");
        assert_eq!(redact("q=%6B3y%2Done"), "[redacted]");
        assert_eq!(redact("q=k3y+two"), "[redacted]");
        assert_eq!(redact("q=k3y%20two&status=open"), "[redacted]&status=open");
        assert_eq!(redact("q=k3y-on"), "q=k3y-on");
    }

    #[test]
    fn credentials_are_replaced_in_the_path() {
        let credentials = credentials();
        let redact = |path| redact_path(path, &credentials);
        assert_eq!(
            redact("/open311/v2/requests/adm1n.json"),
            "/open311/v2/requests/[redacted]"
        );
        assert_eq!(
            redact("/open311/v2/tokens/%6B3y%2Done.xml"),
            "/open311/v2/tokens/[redacted]"
        );
        assert_eq!(redact("/k3y%20two/x"), "/[redacted]/x");
        assert_eq!(
            redact("/open311/v2/requests/12.json"),
            "/open311/v2/requests/12.json"
        );
    }

    #[test]
    fn an_empty_credential_redacts_nothing() {
        let credentials = Credentials {
            api_keys: vec![Secret::new(String::new())],
            admin_token: Secret::new("adm1n".into()),
        };
        assert_eq!(redact_query("status=open", &credentials), "status=open");
        assert_eq!(redact_path("/media/a.jpg", &credentials), "/media/a.jpg");
    }
}
