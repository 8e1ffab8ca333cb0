//! A geocoder speaking the subset of Nominatim's JSON API a report form uses (`search` and
//! `reverse`), answered from a gazetteer file (`--gazetteer FILE`): for the demo and the tests,
//! where no real geocoder can be reached. A city points the app at its own.

pub mod gazetteer;
mod nominatim;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

pub use gazetteer::{Gazetteer, GazetteerError};

/// Where the app finds the geocoder on this server.
pub const PATH: &str = "/geocoder";
/// Nominatim's default and largest number of results.
const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: usize = 50;

pub fn routes(gazetteer: Arc<Gazetteer>) -> Router {
    Router::new()
        .route(&format!("{PATH}/search"), get(search))
        .route(&format!("{PATH}/reverse"), get(reverse))
        .with_state(gazetteer)
}

#[derive(Deserialize)]
struct SearchParams {
    q: Option<String>,
    limit: Option<String>,
    format: Option<String>,
}

#[derive(Deserialize)]
struct ReverseParams {
    lat: Option<String>,
    lon: Option<String>,
    format: Option<String>,
}

async fn search(
    State(gazetteer): State<Arc<Gazetteer>>,
    Query(params): Query<SearchParams>,
) -> Response {
    if let Some(refused) = unsupported_format(params.format.as_deref()) {
        return refused;
    }
    let Some(q) = params.q.filter(|q| !q.trim().is_empty()) else {
        return bad_request("Nothing to search for: give q.");
    };
    let limit = match params.limit.as_deref().map(str::parse::<usize>) {
        None => DEFAULT_LIMIT,
        Some(Ok(limit)) => limit.clamp(1, MAX_LIMIT),
        Some(Err(_)) => return bad_request("limit must be a whole number."),
    };
    let found: Vec<_> = gazetteer
        .search(&q, limit)
        .into_iter()
        .map(|(index, place)| nominatim::place(index, place))
        .collect();
    json(&serde_json::Value::Array(found))
}

async fn reverse(
    State(gazetteer): State<Arc<Gazetteer>>,
    Query(params): Query<ReverseParams>,
) -> Response {
    if let Some(refused) = unsupported_format(params.format.as_deref()) {
        return refused;
    }
    let coordinate = |value: Option<&str>| value.and_then(|v| v.trim().parse::<f64>().ok());
    let (Some(lat), Some(lon)) = (
        coordinate(params.lat.as_deref()),
        coordinate(params.lon.as_deref()),
    ) else {
        return bad_request("Give lat and lon as decimal degrees.");
    };
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return bad_request("lat or lon is out of range.");
    }
    match gazetteer.nearest(lat, lon) {
        Some((index, place)) => json(&nominatim::place(index, place)),
        // As Nominatim answers a point with nothing near it.
        None => json(&serde_json::json!({ "error": "Unable to geocode" })),
    }
}

/// Only the JSON formats are spoken here; Nominatim's default, without `format`, is JSON too.
fn unsupported_format(format: Option<&str>) -> Option<Response> {
    match format {
        None | Some("json" | "jsonv2") => None,
        Some(_) => Some(bad_request(
            "Only format=json and format=jsonv2 are served here.",
        )),
    }
}

fn bad_request(message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::json!({ "error": { "code": 400, "message": message } }).to_string(),
    )
        .into_response()
}

fn json(value: &serde_json::Value) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        value.to_string(),
    )
        .into_response()
}
