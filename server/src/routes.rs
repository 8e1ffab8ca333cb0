//! The whole HTTP surface: API, admin, photos and, if asked for, the app.

use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, Method, StatusCode, header};
use axum::middleware;
use tower_http::cors::{Any, CorsLayer};

use std::sync::Arc;

use crate::geocoder::{self, Gazetteer};
use crate::state::SharedState;
use crate::testing::admin;
use crate::tiles::{self, TileSet};
use crate::{api, app_files, logging};

/// What the server serves besides the API: the app, map tiles, a geocoder.
#[derive(Default)]
pub struct Served {
    pub app: Option<PathBuf>,
    pub tiles: Option<Arc<TileSet>>,
    pub gazetteer: Option<Arc<Gazetteer>>,
}

pub fn app(state: SharedState, served: Served) -> Router {
    let mut router = Router::new()
        .nest("/open311/v2", api::routes(state.clone()))
        .nest("/admin", admin::routes(state.clone()))
        .merge(state.media.clone().routes());
    if let Some(tiles) = &served.tiles {
        router = router.merge(tiles::routes(tiles.clone()));
    }
    if let Some(gazetteer) = &served.gazetteer {
        router = router.merge(geocoder::routes(gazetteer.clone()));
    }
    let router = match served.app {
        Some(dir) => router.merge(app_files::routes(
            dir,
            app_files::ServedConfig {
                api_key: state.credentials.first_api_key().clone(),
                jurisdiction_id: state.site.jurisdiction_id.clone(),
                map_tiles: served.tiles.as_deref().map(TileSet::config),
                geocoder: served.gazetteer.is_some().then_some(geocoder::PATH),
            },
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
