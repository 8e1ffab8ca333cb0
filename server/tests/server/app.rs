//! Serving the built app with `--app`.

use std::fs;
use std::path::Path;

use tempfile::TempDir;

use crate::harness::{API_KEY, JURISDICTION, Server, get, with_credentials};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

fn app_dir(with_config: bool) -> TempDir {
    let dist = TempDir::new().unwrap();
    let write = |name: &str, content: &[u8]| {
        let path = dist.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, content).unwrap();
    };
    write("index.html", b"<!doctype html><title>Report311</title>");
    write(
        "report311-1a2b3c4d5e6f7a8b.js",
        b"export default function init() {}",
    );
    write("report311-1a2b3c4d5e6f7a8b_bg.wasm", b"\0asm\x01\0\0\0");
    write("style-0f1e2d3c4b5a6978.css", b"body{}");
    write("sw.js", b"self.addEventListener('fetch', () => {});");
    write("manifest.webmanifest", br#"{"name":"Report311"}"#);
    write(
        "icons/icon-192.png",
        include_bytes!("../fixtures/sign-20x10.png"),
    );
    if with_config {
        write(
            "config.json",
            br#"{"city_name":"Chicago","base_url":"https://311api.cityofchicago.org/open311/v2","api_key":"","media_upload":false,"poll_seconds":30}"#,
        );
    }
    dist
}

fn start(dist: &Path, extra: &[&str]) -> Server {
    let data = TempDir::new().unwrap();
    let mut args = with_credentials(extra);
    args.extend(["--app".to_owned(), dist.display().to_string()]);
    let mut server = Server::start_in(data.path(), &args);
    server.keep(data);
    server
}

#[test]
fn static_files_have_their_types_and_cache_policy() {
    let dist = app_dir(true);
    let server = start(dist.path(), &[]);
    let cases = [
        ("/", "text/html; charset=utf-8", "no-cache"),
        ("/index.html", "text/html; charset=utf-8", "no-cache"),
        (
            "/report311-1a2b3c4d5e6f7a8b.js",
            "text/javascript; charset=utf-8",
            IMMUTABLE,
        ),
        (
            "/report311-1a2b3c4d5e6f7a8b_bg.wasm",
            "application/wasm",
            IMMUTABLE,
        ),
        (
            "/style-0f1e2d3c4b5a6978.css",
            "text/css; charset=utf-8",
            IMMUTABLE,
        ),
        ("/sw.js", "text/javascript; charset=utf-8", "no-cache"),
        (
            "/manifest.webmanifest",
            "application/manifest+json",
            "no-cache",
        ),
        ("/icons/icon-192.png", "image/png", "no-cache"),
    ];
    for (path, content_type, cache) in cases {
        let reply = get(&server.url(path)).expect(200);
        assert_eq!(reply.header("content-type"), Some(content_type), "{path}");
        assert_eq!(reply.header("cache-control"), Some(cache), "{path}");
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            reply.header("referrer-policy"),
            Some("no-referrer"),
            "{path}"
        );
    }
    let wasm = get(&server.url("/report311-1a2b3c4d5e6f7a8b_bg.wasm"));
    assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
}

#[test]
fn client_routes_fall_back_to_the_index_but_files_and_the_api_do_not() {
    let dist = app_dir(true);
    let server = start(dist.path(), &[]);
    for route in ["/outbox", "/report/new", "/requests/12"] {
        let reply = get(&server.url(route)).expect(200);
        assert!(reply.text().contains("<title>Report311</title>"), "{route}");
        assert_eq!(reply.header("cache-control"), Some("no-cache"));
    }
    get(&server.url("/missing.js")).expect(404);
    get(&server.url("/../Cargo.toml")).expect(404);
    get(&server.url("/%2e%2e/etc/passwd")).expect(404);
    let api = get(&server.api("nothing")).expect(404);
    api.errors(open311::Format::Json);
    get(&server.url("/admin/anything")).expect(401);
    get(&server.url("/media/none")).expect(404);
    get(&server.api("services.json")).expect(200);
}

#[test]
fn routes_other_than_the_root_get_the_app_page_when_the_build_has_one() {
    let dist = app_dir(true);
    fs::write(
        dist.path().join("app.html"),
        "<!doctype html><title>Report311</title><p>Starting…</p>",
    )
    .unwrap();
    let server = start(dist.path(), &[]);
    for route in ["/outbox", "/reports/12"] {
        let reply = get(&server.url(route)).expect(200);
        assert!(reply.text().contains("Starting…"), "{route}");
        assert_eq!(reply.header("cache-control"), Some("no-cache"));
    }
    let root = get(&server.url("/")).expect(200);
    assert!(!root.text().contains("Starting…"));
    assert_eq!(root.header("cache-control"), Some("no-cache"));
}

#[test]
fn config_points_the_app_at_this_server() {
    let dist = app_dir(true);
    let server = start(dist.path(), &["--api-key", "second-key"]);
    let reply = get(&server.url("/config.json")).expect(200);
    assert_eq!(reply.header("cache-control"), Some("no-cache"));
    assert!(
        reply
            .header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    let config = reply.json();
    assert_eq!(config["base_url"], "/open311/v2");
    assert_eq!(config["api_key"], API_KEY, "the first key");
    assert_eq!(config["jurisdiction_id"], JURISDICTION);
    assert_eq!(config["media_upload"], true);
    assert_eq!(config["city_name"], "Chicago", "the app's own keys stay");
    assert_eq!(config["poll_seconds"], 30);

    let bare = app_dir(false);
    let server = start(bare.path(), &[]);
    let config = get(&server.url("/config.json")).expect(200).json();
    let keys: Vec<_> = config.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
    assert_eq!(config["base_url"], "/open311/v2");
}

#[test]
fn without_app_the_root_is_a_hint() {
    let server = Server::start(&[]);
    let reply = get(&server.url("/")).expect(404);
    assert!(reply.text().contains("/open311/v2/discovery.json"));
}
