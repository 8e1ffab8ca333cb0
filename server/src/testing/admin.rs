//! Admin routes for tests and demos: move a request along its timeline as the city
//! would, and inject faults. Behind `Authorization: Bearer <admin token>`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::HeaderMap;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use open311::{ApiError, Format, NoteType, Status};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::faults::FaultConfig;
use crate::api::error::{Error, Failure, InFormat};
use crate::api::requests::query;
use crate::api::respond::document;
use crate::auth;
use crate::db::notes::{self, NewNote};
use crate::db::requests::{self, RequestFilter};
use crate::db::{DbError, now_ms};
use crate::state::SharedState;

/// Admin answers are JSON: the callers are test harnesses and scripts.
const FORMAT: Format = Format::Json;

pub fn routes(state: SharedState) -> Router {
    Router::new()
        .route("/requests/{id}/notes", post(add_note))
        .route(
            "/faults",
            post(set_faults).get(show_faults).delete(clear_faults),
        )
        .fallback(|| async { Failure::new(FORMAT, Error::UnknownResource) })
        .layer(middleware::from_fn_with_state(state.clone(), require_token))
        .with_state(state)
}

async fn require_token(State(state): State<SharedState>, request: Request, next: Next) -> Response {
    match auth::bearer(request.headers()) {
        Some(token) if state.credentials.admin_token.matches(token) => next.run(request).await,
        Some(_) => Failure::new(FORMAT, Error::BadAdminToken).into_response(),
        None => Failure::new(FORMAT, Error::MissingAdminToken).into_response(),
    }
}

fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Failure> {
    serde_json::from_slice(body)
        .map_err(|error| {
            Error::invalid(format!("The body is not the expected JSON object: {error}"))
        })
        .in_format(FORMAT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteBody {
    #[serde(rename = "type")]
    note_type: Option<String>,
    summary: Option<String>,
    description: Option<String>,
    status: Option<String>,
}

/// Appends a note and, with `status`, moves the request to it; answers the request as
/// `requests/{id}.json?extensions=true` would.
async fn add_note(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let body: NoteBody = json(&body)?;
    let status = match body.status.as_deref() {
        None => None,
        Some("open") => Some(Status::Open),
        Some("closed") => Some(Status::Closed),
        Some(other) => {
            return Err(Failure::new(
                FORMAT,
                Error::invalid(format!("status “{other}” is neither open nor closed.")),
            ));
        }
    };
    let note = NewNote {
        note_type: match (body.note_type.as_deref(), status) {
            (Some(name), _) => NoteType::from(name),
            (None, Some(Status::Closed)) => NoteType::Closed,
            (None, _) => NoteType::Activity,
        },
        summary: body
            .summary
            .or_else(|| status.map(|status| format!("Status changed to {status}"))),
        description: body.description,
    };
    let unknown = || Failure::new(FORMAT, Error::UnknownRequest(id.clone()));
    let request_id: i64 = id.parse().map_err(|_| unknown())?;
    let found = state
        .db
        .write(move |connection| -> Result<bool, DbError> {
            let transaction = connection.transaction()?;
            if !requests::exists(&transaction, request_id)? {
                return Ok(false);
            }
            let at_ms = now_ms();
            notes::add(&transaction, request_id, at_ms, &note)?;
            if let Some(status) = status {
                let status_notes = note.description.as_deref().or(note.summary.as_deref());
                requests::set_status(&transaction, request_id, status, status_notes, at_ms)?;
            }
            transaction.commit()?;
            Ok(true)
        })
        .await
        .in_format(FORMAT)?;
    if !found {
        return Err(unknown());
    }
    let filter = RequestFilter {
        ids: Some(vec![request_id]),
        limit: 1,
        ..RequestFilter::default()
    };
    let updated = query(&state, &headers, filter, true)
        .await
        .in_format(FORMAT)?;
    Ok(document(FORMAT, &updated))
}

async fn set_faults(State(state): State<SharedState>, body: Bytes) -> Result<Response, Failure> {
    let config: FaultConfig = json(&body)?;
    let problems = config.problems();
    if !problems.is_empty() {
        let errors = problems
            .into_iter()
            .map(|p| ApiError::new("400", p))
            .collect();
        return Err(Failure::new(FORMAT, Error::Invalid(errors)));
    }
    tracing::info!(?config, "faults set");
    state.faults.set(config);
    Ok(show_faults(State(state)).await)
}

async fn show_faults(State(state): State<SharedState>) -> Response {
    axum::Json(state.faults.config()).into_response()
}

async fn clear_faults(State(state): State<SharedState>) -> Response {
    tracing::info!("faults cleared");
    state.faults.set(FaultConfig::default());
    show_faults(State(state)).await
}
