//! Why the open requests nearby could not be asked for, and how the panel says so.

use super::age::ago;
use crate::client::ClientError;
use crate::user_message::UserMessage;

/// The server's answer of the moment is not to be had.
#[derive(Debug, thiserror::Error)]
pub enum NearbyError {
    /// The browser knows it has no network, so nothing was asked.
    #[error("the device is offline")]
    Offline,
    /// The server was asked and did not answer with a list.
    #[error(transparent)]
    Server(#[from] ClientError),
}

impl NearbyError {
    /// Why, as a sentence of its own.
    fn cause(&self) -> String {
        match self {
            NearbyError::Offline => "You are offline.".to_owned(),
            NearbyError::Server(error) => error.user_message(),
        }
    }

    /// A sentence for the person when an earlier check, made at `fetched_ms`, stands in.
    pub fn stale_line(&self, fetched_ms: u64, now_ms: u64) -> String {
        format!("{} Last checked {}.", self.cause(), ago(fetched_ms, now_ms))
    }
}

impl UserMessage for NearbyError {
    /// A sentence for the person when there is nothing to show.
    fn user_message(&self) -> String {
        match self {
            NearbyError::Offline => {
                "Could not check for reports nearby: you are offline.".to_owned()
            }
            NearbyError::Server(error) => format!(
                "Could not check for reports nearby. {}",
                error.user_message()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use open311::DecodeError;

    use super::*;
    use crate::nearby::fixtures::NOW;

    #[test]
    fn says_why_in_a_sentence() {
        assert_eq!(
            NearbyError::Offline.user_message(),
            "Could not check for reports nearby: you are offline."
        );
        let failed = NearbyError::from(ClientError::Status {
            status: 500,
            errors: Vec::new(),
        });
        assert_eq!(
            failed.user_message(),
            "Could not check for reports nearby. The city's server could not answer (status 500)."
        );
        let html = NearbyError::from(ClientError::Decode(DecodeError::Html));
        assert!(
            html.user_message()
                .starts_with("Could not check for reports nearby. ")
        );
    }

    #[test]
    fn says_when_the_list_shown_was_fetched() {
        assert_eq!(
            NearbyError::Offline.stale_line(NOW - 5 * 60_000, NOW),
            "You are offline. Last checked 5 minutes ago."
        );
        let timeout = NearbyError::from(ClientError::Timeout);
        assert_eq!(
            timeout.stale_line(NOW, NOW),
            "The city's server is taking too long to answer. Last checked just now."
        );
    }
}
