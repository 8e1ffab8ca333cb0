//! Reading the server's answer to a POST or a token look-up as what it means for a report.

use open311::{ApiError, DecodeError, Format, RequestCreated, ServiceRequestId, TokenAnswer};

use crate::client::retry_after;
use crate::client::{ClientError, HttpAnswer};
use crate::user_message::UserMessage;

/// What a POST's answer means for the report.
#[derive(Clone, Debug, PartialEq)]
pub enum PostOutcome {
    /// The city has the report, under an id or a token (or neither, for a service it does not track).
    Created(RequestCreated),
    /// Worth trying again later: no answer, a timeout, 5xx, 429, or a garbled success.
    Transient {
        reason: String,
        retry_after_ms: Option<u64>,
    },
    /// The city refused this report as it stands; the person must change it.
    Rejected(Vec<ApiError>),
    /// The city refused the app's key: nothing is wrong with the report.
    KeyRefused(Vec<ApiError>),
}

/// What a token look-up's answer means.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenOutcome {
    Resolved(ServiceRequestId),
    /// No id yet (or the token is not known yet): ask again later.
    Pending {
        retry_after_ms: Option<u64>,
    },
}

/// The request got no answer the app could read: offline, connection dropped, timed out,
/// far too long. It may still have reached the server.
pub fn unanswered(error: &ClientError) -> PostOutcome {
    transient(&error.user_message(), None)
}

/// Classifies the answer to a create-request POST.
pub fn classify_post(answer: &HttpAnswer, format: Format, now_ms: u64) -> PostOutcome {
    let retry_after_ms = retry_after(answer, now_ms);
    match answer.status {
        200..=299 => match open311::decode::<RequestCreated>(format, &answer.body) {
            Ok(created) => created.into_iter().next().map_or_else(
                || transient("The city's server sent an empty answer.", retry_after_ms),
                PostOutcome::Created,
            ),
            // A 200 carrying an error array is a refusal in disguise.
            Err(DecodeError::Api(errors)) => PostOutcome::Rejected(errors),
            // A garbled success may still have filed the report: retry with the same key.
            Err(error) => transient(&error.user_message(), retry_after_ms),
        },
        403 => PostOutcome::KeyRefused(errors_or(
            answer,
            format,
            "The city's server refused this app's key. Your report is kept; tell the app's provider.",
        )),
        408 | 425 | 429 | 500..=599 => transient(
            &format!(
                "The city's server is busy or unavailable (status {}).",
                answer.status
            ),
            retry_after_ms,
        ),
        status => PostOutcome::Rejected(errors_or(
            answer,
            format,
            &format!("The city's server refused this report (status {status})."),
        )),
    }
}

/// Classifies the answer to `tokens/{token}`.
pub fn classify_token(answer: &HttpAnswer, format: Format, now_ms: u64) -> TokenOutcome {
    let retry_after_ms = retry_after(answer, now_ms);
    if (200..=299).contains(&answer.status) {
        let resolved = open311::decode::<TokenAnswer>(format, &answer.body)
            .ok()
            .and_then(|answers| answers.into_iter().find_map(|a| a.service_request_id));
        if let Some(id) = resolved {
            return TokenOutcome::Resolved(id);
        }
    }
    TokenOutcome::Pending { retry_after_ms }
}

fn retry_after(answer: &HttpAnswer, now_ms: u64) -> Option<u64> {
    answer
        .retry_after
        .as_deref()
        .and_then(|value| retry_after::parse(value, now_ms))
}

fn transient(reason: &str, retry_after_ms: Option<u64>) -> PostOutcome {
    PostOutcome::Transient {
        reason: reason.to_owned(),
        retry_after_ms,
    }
}

/// The server's own error descriptions, or `fallback` when it gave none readable.
fn errors_or(answer: &HttpAnswer, format: Format, fallback: &str) -> Vec<ApiError> {
    let readable: Vec<ApiError> = answer
        .api_errors(format)
        .into_iter()
        .filter(|e| !e.description.trim().is_empty())
        .collect();
    if readable.is_empty() {
        vec![ApiError::new(answer.status.to_string(), fallback)]
    } else {
        readable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> HttpAnswer {
        HttpAnswer::with_body(status, body)
    }

    #[test]
    fn a_token_answer_is_created() {
        let outcome = classify_post(&answer(201, r#"[{"token":"12345"}]"#), Format::Json, 0);
        let PostOutcome::Created(created) = outcome else {
            panic!("{outcome:?}")
        };
        assert_eq!(created.token.unwrap().as_str(), "12345");
        assert_eq!(created.service_request_id, None);
    }

    #[test]
    fn an_id_answer_in_xml_is_created() {
        let xml = "<service_requests><request><service_request_id>293944</service_request_id></request></service_requests>";
        let PostOutcome::Created(created) = classify_post(&answer(200, xml), Format::Xml, 0) else {
            panic!("not created")
        };
        assert_eq!(created.service_request_id.unwrap().as_str(), "293944");
    }

    #[test]
    fn a_bad_request_keeps_the_servers_sentences() {
        let body = r#"[{"code":400,"description":"Choose where the pothole is."},{"code":"400","description":"Add a location."}]"#;
        let PostOutcome::Rejected(errors) = classify_post(&answer(400, body), Format::Json, 0)
        else {
            panic!("not rejected")
        };
        let sentences: Vec<_> = errors.iter().map(|e| e.description.as_str()).collect();
        assert_eq!(
            sentences,
            ["Choose where the pothole is.", "Add a location."]
        );
    }

    #[test]
    fn a_refusal_without_a_readable_body_still_has_a_sentence() {
        let PostOutcome::Rejected(errors) = classify_post(
            &answer(404, "<html><body>Not Found</body></html>"),
            Format::Json,
            0,
        ) else {
            panic!("not rejected")
        };
        assert_eq!(errors.len(), 1);
        assert!(errors[0].description.contains("refused this report"));
    }

    #[test]
    fn a_wrong_key_is_not_the_reports_fault() {
        let body = r#"[{"code":403,"description":"Invalid api_key"}]"#;
        assert!(matches!(
            classify_post(&answer(403, body), Format::Json, 0),
            PostOutcome::KeyRefused(errors) if errors[0].description == "Invalid api_key"
        ));
    }

    #[test]
    fn busy_servers_and_garbled_successes_are_transient() {
        let mut busy = answer(429, "");
        busy.retry_after = Some("7".into());
        assert_eq!(
            classify_post(&busy, Format::Json, 0),
            PostOutcome::Transient {
                reason: "The city's server is busy or unavailable (status 429).".into(),
                retry_after_ms: Some(7_000),
            }
        );
        for (status, body) in [
            (500, ""),
            (503, "<html>down</html>"),
            (200, "<html>proxy</html>"),
            (200, ""),
        ] {
            assert!(
                matches!(
                    classify_post(&answer(status, body), Format::Json, 0),
                    PostOutcome::Transient { .. }
                ),
                "{status} {body}"
            );
        }
    }

    #[test]
    fn an_error_array_with_status_200_is_a_refusal() {
        let body = r#"[{"code":"400","description":"Service code 999 is unknown."}]"#;
        assert!(matches!(
            classify_post(&answer(200, body), Format::Json, 0),
            PostOutcome::Rejected(_)
        ));
    }

    #[test]
    fn tokens_resolve_once_an_id_appears() {
        let pending = classify_token(&answer(200, r#"[{"token":"12345"}]"#), Format::Json, 0);
        assert_eq!(
            pending,
            TokenOutcome::Pending {
                retry_after_ms: None
            }
        );
        let resolved = classify_token(
            &answer(200, r#"[{"token":"12345","service_request_id":638344}]"#),
            Format::Json,
            0,
        );
        assert_eq!(
            resolved,
            TokenOutcome::Resolved(ServiceRequestId::new("638344"))
        );
        let unknown = classify_token(&answer(404, "[]"), Format::Json, 0);
        assert_eq!(
            unknown,
            TokenOutcome::Pending {
                retry_after_ms: None
            }
        );
    }
}
