//! The built app at `/`: static files with the right types and cache policy, client-side
//! routes falling back to the app's page (`app.html`, or `index.html` in a build without one),
//! and a `config.json` pointing the app at this server.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Map, Value};

use crate::cli::Secret;

/// Paths that belong to the server; a miss there is a 404, never the app's index.
const SERVER_PREFIXES: [&str; 5] = ["/open311/", "/admin/", "/media/", "/tiles/", "/geocoder/"];

/// Files the browser must revalidate every time: they name the hashed ones or decide
/// what the app does, so a stale copy would pin an old release.
const ALWAYS_REVALIDATE: [&str; 6] = [
    "index.html",
    "app.html",
    "sw.js",
    "config.json",
    "manifest.json",
    "manifest.webmanifest",
];

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

struct AppFiles {
    dir: PathBuf,
    config: ServedConfig,
}

/// The policy every response carries, built once from the configuration the app starts with.
#[derive(Clone)]
struct Policy(HeaderValue);

/// What the served `config.json` says of this server, over the app's own file.
pub struct ServedConfig {
    pub api_key: Secret,
    pub jurisdiction_id: String,
    /// The `map_tiles` entry, when this server serves tiles.
    pub map_tiles: Option<Value>,
    /// The geocoder's path, when this server answers one.
    pub geocoder: Option<&'static str>,
}

pub fn routes(dir: PathBuf, config: ServedConfig) -> Router {
    // Read once: the hosts the city configures are allowed from the server's start.
    let written = std::fs::read(dir.join("config.json")).unwrap_or_default();
    let policy = content_security_policy(&served_config(&written, &config));
    let policy = Policy(HeaderValue::from_str(&policy).unwrap_or_else(|_| {
        tracing::warn!("config.json names hosts that cannot be in a header; allowing none");
        HeaderValue::from_str(&content_security_policy(&Map::new())).expect("a fixed policy")
    }));
    let files = Arc::new(AppFiles { dir, config });
    Router::new()
        .route("/config.json", get(config_json))
        .route(CSP_REPORTS, axum::routing::post(csp_report))
        .fallback(static_file)
        .with_state(files)
        .layer(middleware::from_fn_with_state(policy, security_headers))
}

/// What the app may load and run: its own files and this server, wasm compiled from them,
/// photos it holds as blobs, and the tile server and geocoder `config` names (images and
/// requests, nothing that runs). No inline script, no other origin. Browsers send what it
/// blocks to [`CSP_REPORTS`].
fn content_security_policy(config: &Map<String, Value>) -> String {
    let tiles = config
        .get("map_tiles")
        .and_then(|tiles| tiles.get("url"))
        .and_then(Value::as_str)
        .and_then(origin);
    let geocoder = config
        .get("geocoder")
        .and_then(Value::as_str)
        .and_then(origin);
    let with = |sources: &[Option<&str>]| {
        sources
            .iter()
            .flatten()
            .fold(String::new(), |list, source| format!("{list} {source}"))
    };
    // The service worker fetches tiles to keep them: that is a connection, not an image.
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' blob: data:{}; connect-src 'self'{}; worker-src 'self'; \
         manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'; report-uri {CSP_REPORTS}",
        with(&[tiles]),
        with(&[tiles, geocoder]),
    )
}

/// "https://tiles.example.org" of an absolute URL; `None` for a path on this origin, or for
/// anything that could smuggle another directive into the policy.
fn origin(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let clean = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    clean.then(|| &url[..url.len() - rest.len() + host.len()])
}

const CSP_REPORTS: &str = "/csp-reports";
/// Enough of a report to read what was blocked, where.
const REPORT_LOGGED_BYTES: usize = 2048;

/// Logs a browser's report of something the policy blocked: the test suite fails on any.
async fn csp_report(body: axum::body::Bytes) -> StatusCode {
    let shown = &body[..body.len().min(REPORT_LOGGED_BYTES)];
    tracing::warn!(
        report = %String::from_utf8_lossy(shown),
        "content security policy violation"
    );
    StatusCode::NO_CONTENT
}

async fn security_headers(State(policy): State<Policy>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, policy.0);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// The app's own `config.json` with the keys that make it talk to this server.
async fn config_json(State(files): State<Arc<AppFiles>>) -> Response {
    let written = tokio::fs::read(files.dir.join("config.json"))
        .await
        .unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, REVALIDATE),
        ],
        Value::Object(served_config(&written, &files.config)).to_string(),
    )
        .into_response()
}

/// The configuration `written` by the city (empty when there is none), with this server's
/// keys over it.
fn served_config(written: &[u8], served: &ServedConfig) -> Map<String, Value> {
    let mut config = if written.is_empty() {
        Map::new()
    } else {
        serde_json::from_slice::<Map<String, Value>>(written).unwrap_or_else(|error| {
            tracing::warn!(%error, "the app's config.json is not a JSON object; serving defaults");
            Map::new()
        })
    };
    config.insert("base_url".into(), "/open311/v2".into());
    config.insert("api_key".into(), served.api_key.expose().into());
    config.insert(
        "jurisdiction_id".into(),
        served.jurisdiction_id.clone().into(),
    );
    config.insert("media_upload".into(), true.into());
    if let Some(map_tiles) = &served.map_tiles {
        config.insert("map_tiles".into(), map_tiles.clone());
    }
    if let Some(geocoder) = served.geocoder {
        config.insert("geocoder".into(), geocoder.into());
    }
    config
}

async fn static_file(State(files): State<Arc<AppFiles>>, request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let path = request.uri().path();
    if SERVER_PREFIXES
        .iter()
        .any(|prefix| path.starts_with(prefix))
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(relative) = safe_relative_path(path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let candidate = files.dir.join(&relative);
    if tokio::fs::metadata(&candidate)
        .await
        .is_ok_and(|m| m.is_file())
    {
        return send_file(&candidate).await;
    }
    // A path without an extension is one of the app's own routes, like /outbox. index.html
    // holds the home screen's markup; app.html is the same page without it.
    if relative.extension().is_none() {
        let app_page = files.dir.join("app.html");
        if tokio::fs::metadata(&app_page)
            .await
            .is_ok_and(|m| m.is_file())
        {
            return send_file(&app_page).await;
        }
        return send_file(&files.dir.join("index.html")).await;
    }
    StatusCode::NOT_FOUND.into_response()
}

/// The URL path as a path under the app directory, or `None` if it tries to leave it.
fn safe_relative_path(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(url_path)
        .decode_utf8()
        .ok()?;
    let mut relative = PathBuf::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." || segment.contains(['\\', '\0']) {
            return None;
        }
        relative.push(segment);
    }
    if relative.as_os_str().is_empty() {
        relative.push("index.html");
    }
    Some(relative)
}

async fn send_file(path: &Path) -> Response {
    let Ok(bytes) = tokio::fs::read(path).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, content_type(name)),
            (header::CACHE_CONTROL, cache_control(name)),
        ],
        Body::from(bytes),
    )
        .into_response()
}

fn content_type(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("webmanifest") => "application/manifest+json",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    }
}

fn cache_control(file_name: &str) -> &'static str {
    if !ALWAYS_REVALIDATE.contains(&file_name) && is_hashed(file_name) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// Trunk names build outputs `name-<hex hash>.ext` (and `name-<hash>_bg.wasm`): their
/// content never changes under that name, so they can be cached for good.
fn is_hashed(file_name: &str) -> bool {
    let stem = file_name
        .split_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(name, hash)| {
        !name.is_empty() && hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy_of(config: &str) -> String {
        content_security_policy(&serde_json::from_str(config).unwrap())
    }

    #[test]
    fn the_policy_allows_the_configured_tile_server_and_geocoder_and_no_other() {
        let policy = policy_of(
            r#"{"map_tiles": {"url": "https://tiles.example.org/osm/{z}/{x}/{y}.png"},
                "geocoder": "https://geo.example.org:8443/nominatim"}"#,
        );
        assert!(
            policy.contains("img-src 'self' blob: data: https://tiles.example.org;"),
            "{policy}"
        );
        assert!(
            policy.contains(
                "connect-src 'self' https://tiles.example.org https://geo.example.org:8443;"
            ),
            "{policy}"
        );
        assert!(
            !policy.contains("{z}") && !policy.contains("osm"),
            "{policy}"
        );
    }

    #[test]
    fn tiles_on_this_server_need_nothing_more_than_self() {
        let policy = policy_of(
            r#"{"map_tiles": {"url": "/tiles/{z}/{x}/{y}.png"}, "geocoder": "/geocoder"}"#,
        );
        assert_eq!(policy, policy_of("{}"));
        assert!(
            policy.contains("img-src 'self' blob: data:; connect-src 'self';"),
            "{policy}"
        );
    }

    #[test]
    fn a_url_cannot_write_its_own_directives() {
        let policy = policy_of(r#"{"geocoder": "https://evil.example; script-src *"}"#);
        assert!(policy.contains("connect-src 'self';"), "{policy}");
        assert!(!policy.contains("evil"), "{policy}");
    }

    #[test]
    fn hashed_names_are_immutable_the_rest_revalidated() {
        assert_eq!(cache_control("report311-1a2b3c4d5e6f.js"), IMMUTABLE);
        assert_eq!(
            cache_control("report311-1a2b3c4d5e6f7a8b_bg.wasm"),
            IMMUTABLE
        );
        assert_eq!(cache_control("style-0123456789abcdef.css"), IMMUTABLE);
        assert_eq!(cache_control("index.html"), REVALIDATE);
        assert_eq!(cache_control("sw.js"), REVALIDATE);
        assert_eq!(cache_control("manifest.webmanifest"), REVALIDATE);
        assert_eq!(cache_control("icon-192.png"), REVALIDATE);
        assert_eq!(cache_control("report311.js"), REVALIDATE);
        assert_eq!(cache_control("-deadbeef.js"), REVALIDATE);
    }

    #[test]
    fn types_by_extension() {
        assert_eq!(content_type("report311-1a2b_bg.wasm"), "application/wasm");
        assert_eq!(
            content_type("manifest.webmanifest"),
            "application/manifest+json"
        );
        assert_eq!(content_type("INDEX.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }

    #[test]
    fn paths_cannot_leave_the_app_directory() {
        assert_eq!(safe_relative_path("/"), Some(PathBuf::from("index.html")));
        assert_eq!(
            safe_relative_path("/icons/a.png"),
            Some(PathBuf::from("icons/a.png"))
        );
        assert_eq!(safe_relative_path("/../secret"), None);
        assert_eq!(safe_relative_path("/%2e%2e/secret"), None);
        assert_eq!(safe_relative_path("/a/..%2F..%2Fsecret"), None);
        assert_eq!(safe_relative_path("/a%5Cb"), None);
    }
}
