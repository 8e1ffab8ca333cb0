//! What `extensions=true` adds to a request: details, photos and a timeline.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::ServiceRequestId;
use crate::lenient::{Lenient, list, opt, or_default, text_serde};
use crate::timestamp::Timestamp;

/// Details a tracker adds to a request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExtendedAttributes {
    /// How it was filed, e.g. "Mobile" or "Phone".
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The ward it lies in.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ward: Option<String>,
    /// The request this one duplicates.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<ServiceRequestId>,
    /// The request this one follows on from.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub parent_service_request_id: Option<ServiceRequestId>,
    /// Photos of the problem.
    #[serde(deserialize_with = "list", skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<Photo>,
}

/// A photo attached to a request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Photo {
    /// Where it can be fetched.
    #[serde(deserialize_with = "or_default")]
    pub media_url: String,
    /// Its caption.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Width in pixels.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height in pixels.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

/// One entry of a request's timeline.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Note {
    /// When it happened.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub datetime: Option<Timestamp>,
    /// What happened.
    #[serde(rename = "type", deserialize_with = "or_default")]
    pub note_type: NoteType,
    /// A short line about it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The full text.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The kind of a timeline entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum NoteType {
    /// The request was opened.
    Opened,
    /// Work happened. Also an entry without a type: a plain step of the timeline.
    #[default]
    Activity,
    /// A follow-on request was created.
    FollowOnCreated,
    /// A follow-on request was closed.
    FollowOnClosed,
    /// The request was closed.
    Closed,
    /// A type this crate does not know, kept as sent.
    Other(String),
}

impl NoteType {
    const KNOWN: [NoteType; 5] = [
        NoteType::Opened,
        NoteType::Activity,
        NoteType::FollowOnCreated,
        NoteType::FollowOnClosed,
        NoteType::Closed,
    ];

    /// The wire name.
    pub fn as_str(&self) -> &str {
        match self {
            NoteType::Opened => "opened",
            NoteType::Activity => "activity",
            NoteType::FollowOnCreated => "follow_on_created",
            NoteType::FollowOnClosed => "follow_on_closed",
            NoteType::Closed => "closed",
            NoteType::Other(name) => name,
        }
    }
}

impl From<&str> for NoteType {
    fn from(name: &str) -> Self {
        let name = name.trim();
        Self::KNOWN
            .into_iter()
            .find(|known| known.as_str().eq_ignore_ascii_case(name))
            .unwrap_or_else(|| NoteType::Other(name.to_owned()))
    }
}

impl fmt::Display for NoteType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Lenient for NoteType {
    fn from_text(text: &str) -> Option<Self> {
        (!text.trim().is_empty()).then(|| NoteType::from(text))
    }
}

text_serde!(NoteType, "a note type");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_types_keep_unknown_names() {
        assert_eq!(
            NoteType::from("follow_on_created"),
            NoteType::FollowOnCreated
        );
        assert_eq!(NoteType::from("Closed"), NoteType::Closed);
        assert_eq!(
            NoteType::from("escalated"),
            NoteType::Other("escalated".into())
        );
        let note: Note = serde_json::from_str(r#"{"type":"escalated"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&note).unwrap(),
            r#"{"type":"escalated"}"#
        );
    }
}
