//! What the city changed in a followed request since the app last fetched it.

use open311::{Note, ServiceRequest, Status};

use crate::tracker::TrackedRequest;

/// One change worth telling the person about.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// The city moved the request to this status.
    Status(Status),
    /// The city added this note to its timeline.
    Note(Note),
}

/// A followed request brought up to date, and what changed in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Refreshed {
    pub tracked: TrackedRequest,
    pub changes: Vec<Change>,
}

/// Folds what the server said of a followed request into it at `now_ms`. The first fetch
/// only learns the request: nothing in it is news to the person who filed or followed it.
pub fn refresh(tracked: TrackedRequest, fetched: ServiceRequest, now_ms: u64) -> Refreshed {
    let changes = match &tracked.request {
        None => Vec::new(),
        Some(before) => changes(before, &fetched),
    };
    let unseen = u32::try_from(changes.len()).unwrap_or(u32::MAX);
    Refreshed {
        tracked: TrackedRequest {
            request: Some(fetched),
            refreshed_ms: Some(now_ms),
            unseen_changes: tracked.unseen_changes.saturating_add(unseen),
            ..tracked
        },
        changes,
    }
}

/// The status moves and new notes between two versions of a request. A server that drops a
/// field from one answer (Chicago's may) has not changed it.
fn changes(before: &ServiceRequest, after: &ServiceRequest) -> Vec<Change> {
    let status = after
        .status
        .filter(|status| before.status.is_some_and(|was| was != *status))
        .map(Change::Status);
    let notes = after
        .notes
        .iter()
        .filter(|note| !before.notes.contains(note))
        .cloned()
        .map(Change::Note);
    status.into_iter().chain(notes).collect()
}

#[cfg(test)]
mod tests {
    use open311::{NoteType, ServiceRequestId};

    use super::*;

    fn note(summary: &str) -> Note {
        Note {
            note_type: NoteType::Activity,
            summary: Some(summary.to_owned()),
            ..Note::default()
        }
    }

    fn request(status: Option<Status>, notes: &[&str]) -> ServiceRequest {
        ServiceRequest {
            service_request_id: Some(ServiceRequestId::new("1")),
            status,
            notes: notes.iter().map(|n| note(n)).collect(),
            ..ServiceRequest::default()
        }
    }

    fn fetched(before: ServiceRequest, unseen: u32) -> TrackedRequest {
        TrackedRequest {
            request: Some(before),
            unseen_changes: unseen,
            ..TrackedRequest::new(ServiceRequestId::new("1"), 0)
        }
    }

    #[test]
    fn the_first_fetch_is_not_news() {
        let tracked = TrackedRequest::new(ServiceRequestId::new("1"), 0);
        let now = request(Some(Status::Closed), &["Opened", "Filled"]);
        let refreshed = refresh(tracked, now.clone(), 9);
        assert_eq!(refreshed.changes, []);
        assert_eq!(refreshed.tracked.request, Some(now));
        assert_eq!(refreshed.tracked.refreshed_ms, Some(9));
        assert_eq!(refreshed.tracked.unseen_changes, 0);
    }

    #[test]
    fn closing_with_a_note_is_two_changes_added_to_the_unseen_ones() {
        let before = request(Some(Status::Open), &["Opened"]);
        let after = request(Some(Status::Closed), &["Opened", "Pothole filled"]);
        let refreshed = refresh(fetched(before, 1), after, 5);
        assert_eq!(
            refreshed.changes,
            [
                Change::Status(Status::Closed),
                Change::Note(note("Pothole filled"))
            ]
        );
        assert_eq!(refreshed.tracked.unseen_changes, 3);
    }

    #[test]
    fn the_same_answer_again_changes_nothing() {
        let same = request(Some(Status::Open), &["Opened", "Crew sent"]);
        let refreshed = refresh(fetched(same.clone(), 0), same, 5);
        assert_eq!(refreshed.changes, []);
        assert_eq!(refreshed.tracked.unseen_changes, 0);
        assert_eq!(refreshed.tracked.refreshed_ms, Some(5));
    }

    #[test]
    fn a_status_missing_from_one_answer_is_not_a_change() {
        let before = request(Some(Status::Open), &[]);
        let refreshed = refresh(fetched(before, 0), request(None, &[]), 5);
        assert_eq!(refreshed.changes, []);
        let after_gap = refresh(
            fetched(request(None, &[]), 0),
            request(Some(Status::Open), &[]),
            6,
        );
        assert_eq!(after_gap.changes, []);
    }
}
