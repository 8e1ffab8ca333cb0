//! `services` and `services/{code}`.

use axum::extract::{Path, State};
use axum::response::Response;
use open311::{Format, ServiceDefinition, ServiceType};

use super::error::{Error, Failure, InFormat};
use super::params::Params;
use super::respond::{document, format_of_path, split_format};
use crate::cli::Mode;
use crate::db::services;
use crate::state::{AppState, SharedState};

/// Services say what POST answers, and that depends on how the server was started.
fn service_type(mode: Mode) -> ServiceType {
    match mode {
        Mode::Token => ServiceType::Batch,
        Mode::Realtime => ServiceType::Realtime,
    }
}

pub async fn list(state: &AppState, format: Format) -> Result<Response, Failure> {
    let mut services = state.db.read(services::list).await.in_format(format)?;
    for service in &mut services {
        service.service_type = service_type(state.mode);
    }
    Ok(document(format, &services))
}

pub async fn definition(
    State(state): State<SharedState>,
    Path(file): Path<String>,
    params: Params,
) -> Result<Response, Failure> {
    let (code, format) = split_format(&file).in_format(format_of_path(&file))?;
    params.check_jurisdiction(&state.site).in_format(format)?;
    let code = code.to_owned();
    let lookup = code.clone();
    let record = state
        .db
        .read(move |connection| services::find(connection, &lookup))
        .await
        .in_format(format)?
        .ok_or(Error::UnknownService(code))
        .in_format(format)?;
    // A service without metadata has no questions: an empty definition says so plainly.
    let definition = record.definition.unwrap_or_else(|| ServiceDefinition {
        service_code: record.service.service_code,
        attributes: Vec::new(),
    });
    Ok(document(format, &[definition]))
}
