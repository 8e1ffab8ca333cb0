//! What can go wrong talking to the server, and how to say it to a resident.

use crate::user_message::UserMessage;
use open311::{ApiError, DecodeError};

/// A failed exchange with the Open311 server.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// No answer: offline, connection refused or dropped.
    #[error("no answer from the server: {0}")]
    Network(String),
    /// The server took longer than the app waits.
    #[error("the server did not answer in time")]
    Timeout,
    /// An answer with a failure status, and the server's error array if it sent one.
    #[error("the server answered with status {status}")]
    Status { status: u16, errors: Vec<ApiError> },
    /// A success status with a body the app cannot read.
    #[error("unreadable answer: {0}")]
    Decode(#[from] DecodeError),
    /// An answer longer than the app reads.
    #[error("an answer over {limit} bytes")]
    TooLarge { limit: usize },
}

impl ClientError {
    /// Whether asking again later may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            ClientError::Network(_)
            | ClientError::Timeout
            | ClientError::Decode(_)
            | ClientError::TooLarge { .. } => true,
            ClientError::Status { status, .. } => matches!(status, 408 | 425 | 429 | 500..=599),
        }
    }
}

impl UserMessage for ClientError {
    /// A sentence for the resident.
    fn user_message(&self) -> String {
        match self {
            ClientError::Network(_) => {
                "You seem to be offline, or the city's server cannot be reached.".to_owned()
            }
            ClientError::Timeout => "The city's server is taking too long to answer.".to_owned(),
            ClientError::Status { errors, status } => errors
                .iter()
                .map(|e| e.description.trim())
                .find(|d| !d.is_empty())
                .map_or_else(
                    || format!("The city's server could not answer (status {status})."),
                    str::to_owned,
                ),
            ClientError::Decode(error) => error.user_message(),
            ClientError::TooLarge { limit } => format!(
                "The city's server sent an answer too large to read (over {} MB). Try again later.",
                limit / (1024 * 1024)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_the_servers_own_words() {
        let error = ClientError::Status {
            status: 400,
            errors: vec![
                ApiError::new("400", " "),
                ApiError::new("400", "Service is closed."),
            ],
        };
        assert_eq!(error.user_message(), "Service is closed.");
        let bare = ClientError::Status {
            status: 502,
            errors: vec![],
        };
        assert_eq!(
            bare.user_message(),
            "The city's server could not answer (status 502)."
        );
        assert!(bare.is_transient());
        assert!(!error.is_transient());
    }

    #[test]
    fn an_answer_too_large_is_said_in_megabytes_and_tried_again() {
        let error = ClientError::TooLarge {
            limit: crate::client::limited_body::MAX_ANSWER_BYTES,
        };
        assert_eq!(
            error.user_message(),
            "The city's server sent an answer too large to read (over 4 MB). Try again later."
        );
        assert!(error.is_transient());
    }
}
