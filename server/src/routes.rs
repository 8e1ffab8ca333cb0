//! The whole HTTP surface: API, admin, photos and, if asked for, the app.

use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, Method, StatusCode, header};
use axum::middleware;
use tower_http::cors::{Any, CorsLayer};

use crate::state::SharedState;
use crate::testing::admin;
use crate::{api, app_files, logging};

pub fn app(state: SharedState, app_dir: Option<PathBuf>) -> Router {
    let router = Router::new()
        .nest("/open311/v2", api::routes(state.clone()))
        .nest("/admin", admin::routes(state.clone()))
        .merge(state.media.clone().routes());
    let router = match app_dir {
        Some(dir) => router.merge(app_files::routes(
            dir,
            state.credentials.first_api_key().clone(),
            &state.site.jurisdiction_id,
        )),
        None => router.fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                "Not found. The API is at /open311/v2/discovery.json; start with --app DIR to serve the app.\n",
            )
        }),
    };
    router
        .layer(cors())
        .layer(middleware::from_fn_with_state(state, logging::log_request))
}

/// The app may be served from another origin (a dev server, a CDN), so any origin may
/// call; no cookies are involved, so this grants nothing a script could not do anyway.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD, Method::POST, Method::DELETE])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::IF_NONE_MATCH,
            HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([header::ETAG, header::RETRY_AFTER])
        .max_age(Duration::from_secs(600))
}
