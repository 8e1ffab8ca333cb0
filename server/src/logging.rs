//! Logs: one line per request with method, path, status and duration. Credentials never
//! reach them: no bodies, no headers, and `api_key` is cut from query strings.

use std::io::IsTerminal;
use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use tracing_subscriber::EnvFilter;

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

pub async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(redact_query).unwrap_or_default();
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

/// The query without any `api_key` parameter, however its name is percent-encoded.
pub fn redact_query(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default().replace('+', " ");
            let name = percent_encoding::percent_decode_str(&name).decode_utf8_lossy();
            !name.trim().eq_ignore_ascii_case("api_key")
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::redact_query;

    #[test]
    fn api_key_is_removed_from_queries() {
        assert_eq!(redact_query("api_key=s3cret&status=open"), "status=open");
        assert_eq!(redact_query("status=open&api%5Fkey=s3cret"), "status=open");
        assert_eq!(redact_query("API_KEY=s3cret"), "");
        assert_eq!(redact_query("page=2&page_size=10"), "page=2&page_size=10");
        assert_eq!(redact_query("api_keys=list"), "api_keys=list");
    }
}
