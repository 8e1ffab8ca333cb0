//! Identifiers the app makes itself: random UUIDs (version 4) kept as text.
//!
//! They are the keys of IndexedDB records, so each holds one canonical spelling (lowercase,
//! hyphenated): two spellings of one UUID would be two different keys.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use uuid::{Uuid, Version};

/// Text that is not a version 4 UUID where one was due.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{0:?} is not a random (version 4) UUID")]
pub struct InvalidId(String);

/// The canonical spelling of `text` when it is a version 4 UUID.
fn canonical(text: &str) -> Result<String, InvalidId> {
    Uuid::parse_str(text)
        .ok()
        .filter(|uuid| uuid.get_version() == Some(Version::Random))
        .map(|uuid| uuid.hyphenated().to_string())
        .ok_or_else(|| InvalidId(text.to_owned()))
}

/// Declares an identifier that is always a canonical version 4 UUID.
macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// A fresh random identifier.
            pub fn random() -> Self {
                Self(Uuid::new_v4().hyphenated().to_string())
            }

            /// The identifier's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = InvalidId;

            fn from_str(text: &str) -> Result<Self, InvalidId> {
                canonical(text).map(Self)
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;

            fn try_from(text: String) -> Result<Self, InvalidId> {
                text.parse()
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

uuid_id!(
    /// A report saved on this device, from its first save to its deletion.
    ReportId
);
uuid_id!(
    /// A photo saved on this device.
    PhotoId
);
uuid_id!(
    /// The key that lets the city's server recognise a POST it has already received, so a
    /// retried report is filed once.
    IdempotencyKey
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_are_distinct_random_uuids() {
        let (a, b) = (ReportId::random(), ReportId::random());
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 36);
        assert_eq!(a.as_str().parse::<ReportId>(), Ok(a.clone()));
        assert_eq!(
            Uuid::parse_str(a.as_str()).unwrap().get_version(),
            Some(Version::Random)
        );
    }

    #[test]
    fn parsing_keeps_one_spelling_per_uuid() {
        let id: PhotoId = "{6F9619FF-8B86-4011-B42D-00C04FC964FF}".parse().unwrap();
        assert_eq!(id.as_str(), "6f9619ff-8b86-4011-b42d-00c04fc964ff");
        assert_eq!(id.to_string(), id.as_str());
    }

    #[test]
    fn only_random_uuids_are_ids() {
        assert!("not an id".parse::<ReportId>().is_err());
        assert!("".parse::<ReportId>().is_err());
        // A version 1 (time-based) UUID.
        assert_eq!(
            "c232ab00-9414-11ec-b3c8-9f6bdeced846".parse::<ReportId>(),
            Err(InvalidId("c232ab00-9414-11ec-b3c8-9f6bdeced846".to_owned()))
        );
    }

    #[test]
    fn ids_store_as_strings_and_are_checked_when_read() {
        let key = IdempotencyKey::random();
        let json = serde_json::to_string(&key).unwrap();
        assert_eq!(json, format!("\"{key}\""));
        assert_eq!(serde_json::from_str::<IdempotencyKey>(&json).unwrap(), key);
        assert!(serde_json::from_str::<IdempotencyKey>("\"nope\"").is_err());
    }
}
