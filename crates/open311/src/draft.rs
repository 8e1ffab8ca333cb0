//! A request before it is filed, as the app keeps it while offline.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::{AttributeCode, JurisdictionId, ServiceCode};

/// A request before it is filed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The kind of problem.
    pub service_code: ServiceCode,
    /// The jurisdiction, for endpoints serving several cities.
    pub jurisdiction_id: Option<JurisdictionId>,
    /// Where the problem is.
    pub location: Location,
    /// Answers to the service definition's questions.
    pub attributes: BTreeMap<AttributeCode, Answer>,
    /// The resident's description, at most 4,000 characters.
    pub description: Option<String>,
    /// How the city can reach the resident.
    pub contact: Contact,
    /// The device filing it.
    pub device_id: Option<String>,
    /// The resident's account with the city.
    pub account_id: Option<String>,
    /// A public URL of a photo.
    pub media_url: Option<String>,
}

/// Where a problem is: a point, an address, or the city's id of an address.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Location {
    /// Latitude (WGS84).
    pub lat: Option<f64>,
    /// Longitude (WGS84).
    pub long: Option<f64>,
    /// A street address as typed.
    pub address_string: Option<String>,
    /// The city's id of an address.
    pub address_id: Option<String>,
}

/// How the city can reach the resident; every part is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    /// Email address.
    pub email: Option<String>,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}

/// An answer to one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// Text, a number, a datetime, or the key of a single-value list.
    Single(String),
    /// The keys chosen in a multi-value list.
    Multi(Vec<String>),
}

impl Answer {
    /// The answer's values, leaving out blank ones: a question answered only
    /// with blanks is unanswered.
    pub fn values(&self) -> Vec<&str> {
        let all: Vec<&str> = match self {
            Answer::Single(value) => vec![value],
            Answer::Multi(values) => values.iter().map(String::as_str).collect(),
        };
        all.into_iter()
            .filter(|value| !value.trim().is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_store_as_plain_json() {
        let mut draft = Draft {
            service_code: ServiceCode::new("4fd3b167e750846744000005"),
            ..Draft::default()
        };
        draft.location.lat = Some(41.8781);
        draft
            .attributes
            .insert(AttributeCode::new("WHERE"), Answer::Single("curb".into()));
        draft.attributes.insert(
            AttributeCode::new("TAGS"),
            Answer::Multi(vec!["a".into(), "b".into()]),
        );
        let json = serde_json::to_string(&draft).unwrap();
        assert!(
            json.contains(r#""attributes":{"TAGS":["a","b"],"WHERE":"curb"}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Draft>(&json).unwrap(), draft);
        assert_eq!(
            serde_json::from_str::<Draft>("{}").unwrap(),
            Draft::default()
        );
    }

    #[test]
    fn blank_values_do_not_count() {
        assert_eq!(Answer::Single(" ".into()).values(), Vec::<&str>::new());
        assert_eq!(Answer::Multi(vec!["a".into(), "".into()]).values(), ["a"]);
    }
}
