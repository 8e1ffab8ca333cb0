//! `tokens/{token}`: the id behind a token, once the city has assigned it.

use std::time::Duration;

use axum::extract::{Path, State};
use axum::response::Response;
use open311::{ServiceRequestId, Token, TokenAnswer};

use super::error::{Error, Failure, InFormat};
use super::params::Params;
use super::respond::{document, format_of_path, split_format};
use crate::db::{now_ms, tokens};
use crate::state::SharedState;

pub async fn token(
    State(state): State<SharedState>,
    Path(file): Path<String>,
    params: Params,
) -> Result<Response, Failure> {
    let (token, format) = split_format(&file).in_format(format_of_path(&file))?;
    params.check_jurisdiction(&state.site).in_format(format)?;
    let token = token.to_owned();
    let lookup = token.clone();
    let (request_id, created_ms) = state
        .db
        .read(move |connection| tokens::find(connection, &lookup))
        .await
        .in_format(format)?
        .ok_or_else(|| Failure::new(format, Error::UnknownToken(token.clone())))?;
    // Like a batch system that files requests on a schedule: no id until it has run.
    let age = Duration::from_millis(u64::try_from(now_ms() - created_ms).unwrap_or(0));
    let assigned = age >= state.token_delay;
    let answer = TokenAnswer {
        token: Some(Token::new(token)),
        service_request_id: assigned.then(|| ServiceRequestId::new(request_id.to_string())),
    };
    Ok(document(format, &[answer]))
}
