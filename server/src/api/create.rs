//! `requests` (POST): filing a report.

use axum::extract::{Path, Request, State};
use axum::http::HeaderMap;
use axum::response::Response;
use open311::{ApiError, RequestCreated, ServiceRequestId, Token, encode_form, validate};

use super::body;
use super::error::{Error, Failure, InFormat};
use super::fingerprint;
use super::respond::{document, format_of_path, split_format};
use crate::accept::AbortConnection;
use crate::auth;
use crate::cli::Mode;
use crate::db::idempotency::{Filed, Idempotency, file_once};
use crate::db::requests::NewRequest;
use crate::db::{now_ms, services};
use crate::media::{self, CheckedPhoto, StoredPhoto};
use crate::state::{AppState, SharedState};

/// How requests filed through this API are marked in `extended_attributes.channel`.
const CHANNEL: &str = "open311";

const MAX_IDEMPOTENCY_KEY: usize = 255;

pub async fn create(
    State(state): State<SharedState>,
    Path(file): Path<String>,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, Failure> {
    let (name, format) = split_format(&file).in_format(format_of_path(&file))?;
    if name != "requests" {
        return Err(Failure::new(format, Error::UnknownResource));
    }
    let answer = file_request(&state, &headers, request)
        .await
        .in_format(format)?;
    let mut response = document(format, &[answer]);
    // Only now that the request is stored: this is an answer lost on its way back.
    if state.faults.drop_response() {
        // Said in the log, so that fault tests can count what they survived.
        tracing::info!("fault: the answer to this stored request is dropped");
        response.extensions_mut().insert(AbortConnection);
    }
    Ok(response)
}

async fn file_request(
    state: &AppState,
    headers: &HeaderMap,
    request: Request,
) -> Result<RequestCreated, Error> {
    let idempotency_key = idempotency_key(headers)?;
    let received = body::read(request).await?;
    // Boston and Austin also take the key as a bearer token.
    let api_key = received
        .submission
        .api_key
        .as_deref()
        .or_else(|| auth::bearer(headers));
    if !api_key.is_some_and(|key| state.credentials.accepts_api_key(key)) {
        return Err(Error::BadApiKey);
    }
    let draft = received.submission.draft;
    if let Some(jurisdiction) = &draft.jurisdiction_id
        && jurisdiction.as_str() != state.site.jurisdiction_id
    {
        return Err(Error::UnknownJurisdiction(jurisdiction.to_string()));
    }
    let code = draft.service_code.to_string();
    let service = state
        .db
        .read(move |connection| services::find(connection, &code))
        .await?
        .ok_or_else(|| Error::UnknownService(draft.service_code.to_string()))?;

    let mut problems: Vec<ApiError> = match validate(&draft, service.definition.as_ref()) {
        Ok(()) => Vec::new(),
        Err(problems) => problems.iter().map(ApiError::from).collect(),
    };
    let mut photos: Vec<CheckedPhoto> = Vec::new();
    for (index, upload) in received.photos.into_iter().enumerate() {
        match media::check(index + 1, upload) {
            Ok(photo) => photos.push(photo),
            Err(error) => problems.push(ApiError::new("400", error.to_string())),
        }
    }
    problems.extend(
        state
            .faults
            .refusal()
            .map(|sentence| ApiError::new("400", sentence)),
    );
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }

    let fingerprint = fingerprint::of_request(
        &encode_form(&draft, None),
        &photos.iter().map(|photo| &photo.bytes).collect::<Vec<_>>(),
    );
    let stored = save_photos(state, &photos).await?;
    let answer = RequestCreated {
        service_request_id: None,
        token: None,
        service_notice: service.service_notice.clone(),
        account_id: draft.account_id.clone(),
    };
    let with_token = state.mode == Mode::Token;
    let stored_for_db = stored.clone();
    let filed = state
        .db
        .write(move |connection| {
            let new = NewRequest {
                draft: &draft,
                service: &service,
                requested_ms: now_ms(),
                channel: CHANNEL,
                zipcode: None,
                ward: None,
                photos: &stored_for_db,
            };
            let idempotency = idempotency_key.as_deref().map(|key| Idempotency {
                key,
                fingerprint: &fingerprint,
            });
            file_once(connection, &new, idempotency.as_ref(), with_token)
        })
        .await;
    let filed: Filed = match filed {
        Ok(filed) if !filed.replayed => filed,
        other => {
            // Nothing refers to these photos: the request was refused or filed earlier.
            state.media.discard(&stored).await;
            other?
        }
    };
    // Batch servers answer a token and never both; the id comes later through it.
    Ok(match filed.token {
        Some(token) => RequestCreated {
            token: Some(Token::new(token)),
            ..answer
        },
        None => RequestCreated {
            service_request_id: Some(ServiceRequestId::new(filed.request_id.to_string())),
            ..answer
        },
    })
}

async fn save_photos(state: &AppState, photos: &[CheckedPhoto]) -> Result<Vec<StoredPhoto>, Error> {
    let mut stored = Vec::with_capacity(photos.len());
    for photo in photos {
        match state.media.save(photo).await {
            Ok(saved) => stored.push(saved),
            Err(error) => {
                state.media.discard(&stored).await;
                return Err(Error::PhotoStorage(error));
            }
        }
    }
    Ok(stored)
}

/// The `Idempotency-Key` header, if sent: a short printable token.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Error> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().map(str::trim).unwrap_or_default();
    let printable = key.bytes().all(|b| b.is_ascii_graphic());
    if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY || !printable {
        return Err(Error::invalid(
            "The Idempotency-Key header must be 1 to 255 printable characters.",
        ));
    }
    Ok(Some(key.to_owned()))
}
