//! The states a saved report moves through on its way to the city.
//!
//! A report is stored with its `Delivery`, and every transition is written back before the
//! next network call, so whatever happens to the page (reload, closed tab, dead battery)
//! the report resumes from the last state it reached.

use open311::{ApiError, ServiceRequestId, Token};
use serde::{Deserialize, Serialize};

use super::outcome::{PostOutcome, TokenOutcome};
use crate::backoff;

/// Bookkeeping for the next try.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retry {
    /// Failed tries so far.
    pub attempts: u32,
    /// Not to be tried before this time (milliseconds since the epoch).
    pub not_before_ms: u64,
    /// Why the last try failed, in words for the person.
    pub last_error: Option<String>,
}

impl Retry {
    fn failed(
        &self,
        reason: String,
        now_ms: u64,
        jitter: f64,
        retry_after_ms: Option<u64>,
    ) -> Self {
        let attempts = self.attempts.saturating_add(1);
        Retry {
            attempts,
            not_before_ms: now_ms.saturating_add(backoff::delay_ms(
                attempts,
                jitter,
                retry_after_ms,
            )),
            last_error: Some(reason),
        }
    }
}

/// Where a report is on its way to the city.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Delivery {
    /// Saved, waiting for its (next) try.
    Queued {
        retry: Retry,
        /// An earlier POST may have reached the server without its answer reaching the app.
        maybe_delivered: bool,
    },
    /// A POST is on its way, or was when the page stopped.
    Sending { retry: Retry },
    /// The city accepted it with a token; its request id comes later.
    AwaitingId { token: Token, retry: Retry },
    /// The city has it. `id` is None for a service the city does not track.
    Submitted { id: Option<ServiceRequestId> },
    /// The city refused it as it stands; the person must change it and send it again.
    NeedsAttention { errors: Vec<ApiError> },
}

/// The network call a report is due for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    /// POST it; first look for it on the server when an earlier POST may have landed.
    Post { maybe_delivered: bool },
    /// Ask the server for the id behind this token.
    ResolveToken(Token),
}

impl Default for Delivery {
    fn default() -> Self {
        Delivery::Queued {
            retry: Retry::default(),
            maybe_delivered: false,
        }
    }
}

impl Delivery {
    /// A short status for lists and screen readers.
    pub fn label(&self) -> &'static str {
        match self {
            Delivery::Queued { .. } => "Waiting to send",
            Delivery::Sending { .. } => "Sending",
            Delivery::AwaitingId { .. } => "Sent, waiting for an id",
            Delivery::Submitted { .. } => "Sent",
            Delivery::NeedsAttention { .. } => "Needs attention",
        }
    }

    /// Whether the report is still in the outbox (not yet in the city's hands).
    pub fn is_pending(&self) -> bool {
        matches!(self, Delivery::Queued { .. } | Delivery::Sending { .. })
    }

    /// What the report needs next at `now_ms`, if anything.
    pub fn due(&self, now_ms: u64) -> Option<Due> {
        match self {
            Delivery::Queued {
                retry,
                maybe_delivered,
            } if retry.not_before_ms <= now_ms => Some(Due::Post {
                maybe_delivered: *maybe_delivered,
            }),
            Delivery::AwaitingId { token, retry } if retry.not_before_ms <= now_ms => {
                Some(Due::ResolveToken(token.clone()))
            }
            _ => None,
        }
    }

    /// Milliseconds since the epoch when the report next needs the network, if ever.
    pub fn next_due_ms(&self) -> Option<u64> {
        match self {
            Delivery::Queued { retry, .. } | Delivery::AwaitingId { retry, .. } => {
                Some(retry.not_before_ms)
            }
            _ => None,
        }
    }

    /// A POST is about to leave. Stored before the request, so a page that dies mid-flight
    /// comes back knowing the POST may have landed.
    pub fn sending(self) -> Self {
        match self {
            Delivery::Queued { retry, .. } => Delivery::Sending { retry },
            other => other,
        }
    }

    /// After a reload: a POST that was in flight has an unknown outcome.
    pub fn recovered(self) -> Self {
        match self {
            Delivery::Sending { retry } => Delivery::Queued {
                retry: Retry {
                    not_before_ms: 0,
                    ..retry
                },
                maybe_delivered: true,
            },
            other => other,
        }
    }

    /// The server's answer to the POST (or its absence).
    pub fn posted(self, outcome: PostOutcome, now_ms: u64, jitter: f64) -> Self {
        let Delivery::Sending { retry } = self else {
            return self;
        };
        match outcome {
            PostOutcome::Created(created) => match (created.service_request_id, created.token) {
                (Some(id), _) => Delivery::Submitted { id: Some(id) },
                (None, Some(token)) => Delivery::AwaitingId {
                    token,
                    retry: Retry {
                        not_before_ms: now_ms,
                        ..Retry::default()
                    },
                },
                (None, None) => Delivery::Submitted { id: None },
            },
            PostOutcome::Transient {
                reason,
                retry_after_ms,
            } => Delivery::Queued {
                retry: retry.failed(reason, now_ms, jitter, retry_after_ms),
                // Without an answer, the POST may have been committed.
                maybe_delivered: true,
            },
            PostOutcome::Rejected(errors) => Delivery::NeedsAttention { errors },
            // The key is the app's problem, not the report's: keep it queued, slowly.
            PostOutcome::KeyRefused(errors) => Delivery::Queued {
                retry: retry.failed(
                    errors
                        .first()
                        .map(|e| e.description.clone())
                        .unwrap_or_default(),
                    now_ms,
                    jitter,
                    Some(KEY_REFUSED_PAUSE_MS),
                ),
                maybe_delivered: false,
            },
        }
    }

    /// The server already holds this report (found while checking before a re-POST).
    pub fn found_on_server(self, id: ServiceRequestId) -> Self {
        match self {
            Delivery::Queued { .. } | Delivery::Sending { .. } => {
                Delivery::Submitted { id: Some(id) }
            }
            other => other,
        }
    }

    /// The answer to a token look-up.
    pub fn token_checked(self, outcome: TokenOutcome, now_ms: u64, jitter: f64) -> Self {
        let Delivery::AwaitingId { token, retry } = self else {
            return self;
        };
        match outcome {
            TokenOutcome::Resolved(id) => Delivery::Submitted { id: Some(id) },
            TokenOutcome::Pending { retry_after_ms } => Delivery::AwaitingId {
                token,
                retry: retry.failed(
                    "The city has not given this report an id yet.".to_owned(),
                    now_ms,
                    jitter,
                    retry_after_ms,
                ),
            },
        }
    }

    /// The person changed a refused report and sends it again. It is a new submission: the
    /// caller gives it a new idempotency key, since the server refused (and stored nothing
    /// under) the old one.
    pub fn resent(self) -> Self {
        match self {
            Delivery::NeedsAttention { .. } => Delivery::default(),
            other => other,
        }
    }
}

/// How long to wait before trying again after the server refused the app's key.
const KEY_REFUSED_PAUSE_MS: u64 = 15 * 60_000;

#[cfg(test)]
mod tests {
    use open311::RequestCreated;

    use super::*;

    fn created(id: Option<&str>, token: Option<&str>) -> PostOutcome {
        PostOutcome::Created(RequestCreated {
            service_request_id: id.map(ServiceRequestId::new),
            token: token.map(Token::new),
            ..RequestCreated::default()
        })
    }

    fn transient(retry_after_ms: Option<u64>) -> PostOutcome {
        PostOutcome::Transient {
            reason: "offline".into(),
            retry_after_ms,
        }
    }

    #[test]
    fn a_new_report_is_due_for_a_post_at_once() {
        let delivery = Delivery::default();
        assert_eq!(
            delivery.due(0),
            Some(Due::Post {
                maybe_delivered: false
            })
        );
        assert!(delivery.is_pending());
    }

    #[test]
    fn realtime_servers_submit_directly() {
        let delivery = Delivery::default()
            .sending()
            .posted(created(Some("101"), None), 10, 0.5);
        assert_eq!(
            delivery,
            Delivery::Submitted {
                id: Some(ServiceRequestId::new("101"))
            }
        );
        assert_eq!(delivery.due(u64::MAX), None);
    }

    #[test]
    fn tokens_are_resolved_with_backoff() {
        let awaiting = Delivery::default()
            .sending()
            .posted(created(None, Some("t-1")), 1_000, 0.0);
        assert_eq!(
            awaiting.due(1_000),
            Some(Due::ResolveToken(Token::new("t-1")))
        );

        let still = awaiting.token_checked(
            TokenOutcome::Pending {
                retry_after_ms: None,
            },
            1_000,
            0.0,
        );
        assert_eq!(still.due(1_999), None, "waits before asking again");
        assert_eq!(still.due(2_000), Some(Due::ResolveToken(Token::new("t-1"))));

        let later = still.token_checked(
            TokenOutcome::Pending {
                retry_after_ms: None,
            },
            2_000,
            0.0,
        );
        assert_eq!(later.next_due_ms(), Some(4_000), "the wait doubles");

        let done = later.token_checked(
            TokenOutcome::Resolved(ServiceRequestId::new("55")),
            4_000,
            0.0,
        );
        assert_eq!(
            done,
            Delivery::Submitted {
                id: Some(ServiceRequestId::new("55"))
            }
        );
    }

    #[test]
    fn transient_failures_back_off_and_remember_the_post_may_have_landed() {
        let failed = Delivery::default()
            .sending()
            .posted(transient(None), 0, 0.0);
        let Delivery::Queued {
            retry,
            maybe_delivered,
        } = &failed
        else {
            panic!("{failed:?}")
        };
        assert!(maybe_delivered);
        assert_eq!(retry.attempts, 1);
        assert_eq!(failed.due(999), None);
        assert_eq!(
            failed.due(1_000),
            Some(Due::Post {
                maybe_delivered: true
            })
        );

        let again = failed.sending().posted(transient(Some(60_000)), 1_000, 0.0);
        assert_eq!(again.next_due_ms(), Some(61_000), "Retry-After is honoured");
    }

    #[test]
    fn a_reload_mid_post_resumes_at_once_and_checks_first() {
        let in_flight = Delivery::default().sending();
        assert_eq!(
            in_flight.due(0),
            None,
            "nothing is posted twice at the same time"
        );
        let recovered = in_flight.recovered();
        assert_eq!(
            recovered.due(0),
            Some(Due::Post {
                maybe_delivered: true
            })
        );
        let found = recovered.found_on_server(ServiceRequestId::new("9"));
        assert_eq!(
            found,
            Delivery::Submitted {
                id: Some(ServiceRequestId::new("9"))
            }
        );
    }

    #[test]
    fn refusals_need_attention_and_can_be_resent() {
        let errors = vec![ApiError::new("400", "Choose where the pothole is.")];
        let refused =
            Delivery::default()
                .sending()
                .posted(PostOutcome::Rejected(errors.clone()), 0, 0.0);
        assert_eq!(refused, Delivery::NeedsAttention { errors });
        assert_eq!(refused.due(u64::MAX), None, "never retried as it stands");
        assert_eq!(refused.resent(), Delivery::default());
    }

    #[test]
    fn a_refused_key_keeps_the_report_queued() {
        let refused = Delivery::default().sending().posted(
            PostOutcome::KeyRefused(vec![ApiError::new("403", "Invalid api_key")]),
            0,
            0.0,
        );
        let Delivery::Queued { retry, .. } = &refused else {
            panic!("{refused:?}")
        };
        assert_eq!(retry.last_error.as_deref(), Some("Invalid api_key"));
        assert!(refused.next_due_ms() >= Some(KEY_REFUSED_PAUSE_MS));
        assert!(refused.is_pending());
    }

    #[test]
    fn answers_for_another_state_change_nothing() {
        let submitted = Delivery::Submitted { id: None };
        assert_eq!(submitted.clone().posted(transient(None), 0, 0.0), submitted);
        assert_eq!(
            submitted.clone().token_checked(
                TokenOutcome::Pending {
                    retry_after_ms: None
                },
                0,
                0.0
            ),
            submitted
        );
        assert_eq!(submitted.clone().recovered(), submitted);
    }

    #[test]
    fn survives_storage_as_json() {
        let states = [
            Delivery::default(),
            Delivery::Sending {
                retry: Retry::default(),
            },
            Delivery::AwaitingId {
                token: Token::new("t"),
                retry: Retry::default(),
            },
            Delivery::Submitted { id: None },
            Delivery::NeedsAttention {
                errors: vec![ApiError::new("400", "x")],
            },
        ];
        for state in states {
            let stored = serde_json::to_string(&state).unwrap();
            assert_eq!(serde_json::from_str::<Delivery>(&stored).unwrap(), state);
        }
    }
}
