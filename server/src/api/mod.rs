//! The GeoReport v2 API under `/open311/v2`.

pub(crate) mod body;
mod create;
mod discovery;
pub mod error;
mod fingerprint;
mod list;
mod params;
pub mod requests;
pub mod respond;
mod services;
mod tokens;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::Uri;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use self::error::{Error, Failure, InFormat};
use self::params::Params;
use self::respond::{format_of_path, split_format};
use crate::etag;
use crate::state::SharedState;
use crate::testing::faults;

pub fn routes(state: SharedState) -> Router {
    Router::new()
        .route("/{file}", get(top_level).post(create::create))
        .route("/services/{file}", get(services::definition))
        .route("/requests/{file}", get(requests::one))
        .route("/tokens/{file}", get(tokens::token))
        .fallback(unknown)
        .layer(DefaultBodyLimit::max(body::MAX_BODY_BYTES))
        .layer(middleware::from_fn(etag::tag_responses))
        .layer(middleware::from_fn_with_state(
            state.faults.clone(),
            faults::inject,
        ))
        .with_state(state)
}

async fn top_level(
    State(state): State<SharedState>,
    Path(file): Path<String>,
    headers: axum::http::HeaderMap,
    params: Params,
) -> Result<Response, Failure> {
    let format = format_of_path(&file);
    let (name, format) = split_format(&file).in_format(format)?;
    params.check_jurisdiction(&state.site).in_format(format)?;
    match name {
        "discovery" => Ok(discovery::discovery(&state, &headers, format)),
        "services" => services::list(&state, format).await,
        "requests" => requests::list(&state, &headers, &params, format).await,
        _ => Err(Failure::new(format, Error::UnknownResource)),
    }
}

async fn unknown(uri: Uri) -> Response {
    Failure::new(format_of_path(uri.path()), Error::UnknownResource).into_response()
}
