//! Raster map tiles from a directory laid out as `{z}/{x}/{y}.png` (`--tiles DIR`), at
//! `/tiles/{z}/{x}/{y}.png`: for the demo and the tests, where no tile server can be reached.
//! What the app is told of them (attribution, zoom range) comes from the directory's
//! `tiles.json`, with TileJSON's field names.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

/// Where tiles are on this server, as an XYZ template.
pub const URL_TEMPLATE: &str = "/tiles/{z}/{x}/{y}.png";
/// Tiles do not change while the server runs; a day keeps them fresh enough for a demo.
const CACHE_CONTROL: &str = "public, max-age=86400";

/// A tile set: where it is and what the app is told about it.
#[derive(Debug, Clone)]
pub struct TileSet {
    dir: PathBuf,
    pub about: About,
}

/// The part of a TileJSON document the app needs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct About {
    pub attribution: String,
    pub minzoom: u8,
    pub maxzoom: u8,
}

#[derive(Debug, thiserror::Error)]
pub enum TilesError {
    #[error("cannot read {0}: {1}")]
    Read(String, #[source] std::io::Error),
    #[error("{0} is not a TileJSON document with attribution, minzoom and maxzoom: {1}")]
    About(String, #[source] serde_json::Error),
    #[error("{0}: minzoom {1} is above maxzoom {2}, or maxzoom is above 22")]
    Zooms(String, u8, u8),
    #[error("{0}: the attribution is empty; the tiles' owner must be named on the map")]
    NoAttribution(String),
}

impl TileSet {
    pub fn open(dir: &Path) -> Result<Self, TilesError> {
        let file = dir.join("tiles.json");
        let name = file.display().to_string();
        let text = std::fs::read(&file).map_err(|error| TilesError::Read(name.clone(), error))?;
        let about: About = serde_json::from_slice(&text)
            .map_err(|error| TilesError::About(name.clone(), error))?;
        if about.minzoom > about.maxzoom || about.maxzoom > 22 {
            return Err(TilesError::Zooms(name, about.minzoom, about.maxzoom));
        }
        if about.attribution.trim().is_empty() {
            return Err(TilesError::NoAttribution(name));
        }
        Ok(Self {
            dir: dir.to_owned(),
            about,
        })
    }

    /// The `map_tiles` entry of the app's configuration for this tile set.
    pub fn config(&self) -> serde_json::Value {
        serde_json::json!({
            "url": URL_TEMPLATE,
            "attribution": self.about.attribution,
            "min_zoom": self.about.minzoom,
            "max_zoom": self.about.maxzoom,
        })
    }
}

pub fn routes(tiles: Arc<TileSet>) -> Router {
    Router::new()
        .route("/tiles/{z}/{x}/{file}", get(tile))
        .with_state(tiles)
}

async fn tile(
    State(tiles): State<Arc<TileSet>>,
    UrlPath((z, x, file)): UrlPath<(String, String, String)>,
) -> Response {
    let Some(y) = file.strip_suffix(".png") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Numbers only, so the path cannot leave the directory.
    let (Ok(z), Ok(x), Ok(y)) = (z.parse::<u8>(), x.parse::<u32>(), y.parse::<u32>()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let path = tiles
        .dir
        .join(z.to_string())
        .join(x.to_string())
        .join(format!("{y}.png"));
    match tokio::fs::read(&path).await {
        Ok(png) => (
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, CACHE_CONTROL),
            ],
            png,
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
