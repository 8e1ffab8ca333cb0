//! The words of a system notification about a followed request.

use open311::Status;

use super::changes::Change;
use crate::paths::request_path;
use crate::tracker::TrackedRequest;

/// A notification to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
    /// The app's page of the request, opened when the notification is tapped.
    pub url: String,
    /// One notification per request: a newer one replaces it.
    pub tag: String,
}

/// The notification for `changes` to a request, if there are any.
pub fn notice(tracked: &TrackedRequest, changes: &[Change]) -> Option<Notice> {
    if changes.is_empty() {
        return None;
    }
    let request = tracked.request.as_ref();
    let name = request
        .and_then(|r| r.service_name.clone())
        .unwrap_or_else(|| "Your report".to_owned());
    let named = format!("{name} ({})", tracked.id);
    let status = changes.iter().find_map(|change| match change {
        Change::Status(status) => Some(*status),
        Change::Note(_) => None,
    });
    let title = match status {
        Some(Status::Closed) => format!("{named} is closed"),
        Some(Status::Open) => format!("{named} is open again"),
        None => format!("News on {named}"),
    };
    let latest_note = changes.iter().rev().find_map(|change| match change {
        Change::Note(note) => note.summary.clone().or_else(|| note.description.clone()),
        Change::Status(_) => None,
    });
    let body = latest_note
        .or_else(|| request.and_then(|r| r.status_notes.clone()))
        .unwrap_or_else(|| "Open it to see what changed.".to_owned());
    Some(Notice {
        title,
        body,
        url: request_path(&tracked.id),
        tag: format!("request-{}", tracked.id),
    })
}

#[cfg(test)]
mod tests {
    use open311::{Note, ServiceRequest, ServiceRequestId};

    use super::*;

    fn tracked(status_notes: Option<&str>) -> TrackedRequest {
        TrackedRequest {
            request: Some(ServiceRequest {
                service_name: Some("Pothole in Street".to_owned()),
                status_notes: status_notes.map(str::to_owned),
                ..ServiceRequest::default()
            }),
            ..TrackedRequest::new(ServiceRequestId::new("42"), 0)
        }
    }

    fn note(summary: &str) -> Change {
        Change::Note(Note {
            summary: Some(summary.to_owned()),
            ..Note::default()
        })
    }

    #[test]
    fn closing_leads_and_the_newest_note_explains() {
        let changes = [
            Change::Status(Status::Closed),
            note("Crew sent"),
            note("Filled"),
        ];
        let notice = notice(&tracked(None), &changes).unwrap();
        assert_eq!(notice.title, "Pothole in Street (42) is closed");
        assert_eq!(notice.body, "Filled");
        assert_eq!(notice.url, "/reports/42");
        assert_eq!(notice.tag, "request-42");
    }

    #[test]
    fn a_note_alone_is_news_and_a_status_alone_uses_the_status_notes() {
        let noted = notice(&tracked(None), &[note("Inspected")]).unwrap();
        assert_eq!(noted.title, "News on Pothole in Street (42)");
        let reopened = notice(
            &tracked(Some("Reopened on appeal")),
            &[Change::Status(Status::Open)],
        )
        .unwrap();
        assert_eq!(reopened.title, "Pothole in Street (42) is open again");
        assert_eq!(reopened.body, "Reopened on appeal");
    }

    #[test]
    fn no_change_no_notification() {
        assert_eq!(notice(&tracked(None), &[]), None);
    }
}
