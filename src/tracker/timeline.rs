//! A request's timeline, as the tracker page shows it: the city's notes in order, with the
//! opening and closing filled in from the request itself where a server sends no notes.

use open311::{NoteType, ServiceRequest, Status, Timestamp};

/// One step of a request's life.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub when: Option<Timestamp>,
    /// What kind of step, in words: "Opened", "Closed"...
    pub label: String,
    pub summary: Option<String>,
    pub description: Option<String>,
}

/// The steps of `request`, oldest first; steps without a time keep their place after the
/// dated ones.
pub fn timeline(request: &ServiceRequest) -> Vec<Step> {
    let mut steps: Vec<Step> = request
        .notes
        .iter()
        .map(|note| Step {
            when: note.datetime,
            label: label(&note.note_type),
            summary: note.summary.clone(),
            description: note.description.clone(),
        })
        .collect();
    let has = |kind: NoteType| request.notes.iter().any(|note| note.note_type == kind);
    if !has(NoteType::Opened) && request.requested_datetime.is_some() {
        steps.push(Step {
            when: request.requested_datetime,
            label: label(&NoteType::Opened),
            summary: Some("The city received the report.".to_owned()),
            description: None,
        });
    }
    if request.status == Some(Status::Closed) && !has(NoteType::Closed) {
        steps.push(Step {
            when: request.updated_datetime,
            label: label(&NoteType::Closed),
            summary: request.status_notes.clone(),
            description: None,
        });
    }
    // Stable: notes of the same time keep the server's order.
    steps.sort_by(|a, b| match (&a.when, &b.when) {
        (Some(a), Some(b)) => a.0.cmp(&b.0),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    steps
}

/// The words for a kind of note.
pub fn label(kind: &NoteType) -> String {
    match kind {
        NoteType::Opened => "Opened".to_owned(),
        NoteType::Activity => "Update".to_owned(),
        NoteType::FollowOnCreated => "Follow-on work started".to_owned(),
        NoteType::FollowOnClosed => "Follow-on work finished".to_owned(),
        NoteType::Closed => "Closed".to_owned(),
        NoteType::Other(name) => {
            let words = name.replace('_', " ");
            let mut chars = words.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use open311::Note;

    use super::*;

    fn at(text: &str) -> Option<Timestamp> {
        Timestamp::parse(text)
    }

    fn note(kind: NoteType, when: &str, summary: &str) -> Note {
        Note {
            datetime: at(when),
            note_type: kind,
            summary: Some(summary.to_owned()),
            description: None,
        }
    }

    fn labels(steps: &[Step]) -> Vec<&str> {
        steps.iter().map(|s| s.label.as_str()).collect()
    }

    #[test]
    fn notes_are_ordered_by_time_whatever_order_they_came_in() {
        let request = ServiceRequest {
            notes: vec![
                note(NoteType::Closed, "2012-07-03T09:00:00-05:00", "Filled"),
                note(NoteType::Opened, "2012-07-01T08:00:00-05:00", "Received"),
                note(
                    NoteType::FollowOnCreated,
                    "2012-07-02T10:00:00-05:00",
                    "Crew",
                ),
                // Earlier in absolute time though later on the clock face.
                note(NoteType::Activity, "2012-07-02T12:00:00+04:00", "Inspected"),
            ],
            status: Some(Status::Closed),
            ..ServiceRequest::default()
        };
        let steps = timeline(&request);
        assert_eq!(
            labels(&steps),
            ["Opened", "Update", "Follow-on work started", "Closed"]
        );
        assert_eq!(steps[3].summary.as_deref(), Some("Filled"));
    }

    #[test]
    fn a_server_without_notes_still_gives_an_opening_and_a_closing() {
        let request = ServiceRequest {
            requested_datetime: at("2012-07-01T08:00:00Z"),
            updated_datetime: at("2012-07-05T08:00:00Z"),
            status: Some(Status::Closed),
            status_notes: Some("Duplicate of 638344".to_owned()),
            ..ServiceRequest::default()
        };
        let steps = timeline(&request);
        assert_eq!(labels(&steps), ["Opened", "Closed"]);
        assert_eq!(steps[1].when, at("2012-07-05T08:00:00Z"));
        assert_eq!(steps[1].summary.as_deref(), Some("Duplicate of 638344"));
    }

    #[test]
    fn an_open_request_with_nothing_known_has_no_steps() {
        let request = ServiceRequest {
            status: Some(Status::Open),
            ..ServiceRequest::default()
        };
        assert_eq!(timeline(&request), []);
    }

    #[test]
    fn undated_notes_come_last_in_their_order() {
        let mut undated = note(NoteType::Activity, "", "Second");
        undated.datetime = None;
        let request = ServiceRequest {
            notes: vec![
                undated,
                note(NoteType::Opened, "2012-07-01T08:00:00Z", "First"),
            ],
            ..ServiceRequest::default()
        };
        let summaries: Vec<_> = timeline(&request)
            .into_iter()
            .filter_map(|s| s.summary)
            .collect();
        assert_eq!(summaries, ["First", "Second"]);
    }

    #[test]
    fn unknown_kinds_of_note_read_as_words() {
        assert_eq!(
            label(&NoteType::Other("crew_assigned".into())),
            "Crew assigned"
        );
        assert_eq!(label(&NoteType::Other(String::new())), "");
    }
}
