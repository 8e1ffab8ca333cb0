//! Everything that can go wrong in an API call, and how it reaches the client: the
//! spec's error array, in the format the client asked for.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use open311::{ApiError, Format, encode};

use crate::db::DbError;
use crate::db::idempotency::FileError;
use crate::media::MediaError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("This server does not serve the jurisdiction “{0}”.")]
    UnknownJurisdiction(String),
    #[error("There is no service with the code “{0}”.")]
    UnknownService(String),
    #[error("There is no service request with the id “{0}”.")]
    UnknownRequest(String),
    #[error("There is no request with the token “{0}”.")]
    UnknownToken(String),
    #[error("There is no such resource. Resources end in .json or .xml.")]
    UnknownResource,
    #[error("A valid api_key is needed to file a request.")]
    BadApiKey,
    #[error("An admin token is needed: send Authorization: Bearer TOKEN.")]
    MissingAdminToken,
    #[error("The admin token is not valid.")]
    BadAdminToken,
    /// Every problem found, each already worded for the resident.
    #[error("The request has problems.")]
    Invalid(Vec<ApiError>),
    #[error(transparent)]
    Media(#[from] MediaError),
    #[error("This Idempotency-Key was already used for a different request.")]
    IdempotencyConflict,
    #[error("Too many requests. Try again in {0} seconds.")]
    RateLimited(u64),
    /// Injected by the fault settings.
    #[error("The service is temporarily unavailable. Try again later.")]
    Injected(StatusCode),
    #[error("The request could not be stored or read. Try again later.")]
    Storage(#[from] DbError),
    #[error("A photo could not be saved. Try again later.")]
    PhotoStorage(#[source] std::io::Error),
}

impl Error {
    /// A 400 with one problem.
    pub fn invalid(description: impl Into<String>) -> Self {
        Error::Invalid(vec![ApiError::new("400", description)])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Error::UnknownJurisdiction(_)
            | Error::UnknownService(_)
            | Error::UnknownRequest(_)
            | Error::UnknownToken(_)
            | Error::UnknownResource => StatusCode::NOT_FOUND,
            Error::MissingAdminToken => StatusCode::UNAUTHORIZED,
            Error::BadApiKey | Error::BadAdminToken => StatusCode::FORBIDDEN,
            Error::Invalid(_) | Error::Media(_) => StatusCode::BAD_REQUEST,
            Error::IdempotencyConflict => StatusCode::UNPROCESSABLE_ENTITY,
            Error::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            Error::Injected(status) => *status,
            Error::Storage(_) | Error::PhotoStorage(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn api_errors(&self) -> Vec<ApiError> {
        match self {
            Error::Invalid(errors) => errors.clone(),
            other => vec![ApiError::new(
                other.status().as_u16().to_string(),
                other.to_string(),
            )],
        }
    }
}

impl From<FileError> for Error {
    fn from(error: FileError) -> Self {
        match error {
            FileError::Db(error) => Error::Storage(error),
            FileError::KeyReused => Error::IdempotencyConflict,
        }
    }
}

/// An error on its way out, in the format of the resource that was asked for.
#[derive(Debug)]
pub struct Failure {
    pub format: Format,
    pub error: Error,
}

impl Failure {
    pub fn new(format: Format, error: Error) -> Self {
        Failure { format, error }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let status = self.error.status();
        if status.is_server_error() && !matches!(self.error, Error::Injected(_)) {
            tracing::error!(error = %self.error, source = ?std::error::Error::source(&self.error), "request failed");
        }
        let body = encode(self.format, &self.error.api_errors());
        let mut response = (
            status,
            [(header::CONTENT_TYPE, self.format.content_type())],
            body,
        )
            .into_response();
        let headers = response.headers_mut();
        match self.error {
            Error::RateLimited(seconds) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            Error::MissingAdminToken => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response
    }
}

/// Lets a handler use `?` on plain errors once it knows the format.
pub trait InFormat<T> {
    fn in_format(self, format: Format) -> Result<T, Failure>;
}

impl<T, E: Into<Error>> InFormat<T> for Result<T, E> {
    fn in_format(self, format: Format) -> Result<T, Failure> {
        self.map_err(|error| Failure::new(format, error.into()))
    }
}
