//! `requests` (GET) and `requests/{id}`.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use open311::Format;

use super::error::{Error, Failure, InFormat};
use super::list;
use super::params::Params;
use super::respond::{absolutize, document, format_of_path, origin, split_format};
use crate::db::now_ms;
use crate::db::requests::{self, RequestFilter};
use crate::state::{AppState, SharedState};

pub async fn list(
    state: &AppState,
    headers: &HeaderMap,
    params: &Params,
    format: Format,
) -> Result<Response, Failure> {
    let filter = list::filter(params, now_ms()).in_format(format)?;
    let found = query(state, headers, filter, params.extensions())
        .await
        .in_format(format)?;
    Ok(document(format, &found))
}

pub async fn one(
    State(state): State<SharedState>,
    Path(file): Path<String>,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, Failure> {
    let (id, format) = split_format(&file).in_format(format_of_path(&file))?;
    params.check_jurisdiction(&state.site).in_format(format)?;
    let unknown = || Failure::new(format, Error::UnknownRequest(id.to_owned()));
    let numeric: i64 = id.parse().map_err(|_| unknown())?;
    let filter = RequestFilter {
        ids: Some(vec![numeric]),
        limit: 1,
        ..RequestFilter::default()
    };
    let found = query(&state, &headers, filter, params.extensions())
        .await
        .in_format(format)?;
    if found.is_empty() {
        return Err(unknown());
    }
    Ok(document(format, &found))
}

/// Requests matching `filter` with absolute photo URLs.
pub async fn query(
    state: &AppState,
    headers: &HeaderMap,
    filter: RequestFilter,
    extensions: bool,
) -> Result<Vec<open311::ServiceRequest>, Error> {
    let mut found = state
        .db
        .read(move |connection| requests::query(connection, &filter, extensions))
        .await?;
    absolutize(&mut found, &origin(headers, state.listening));
    Ok(found)
}
