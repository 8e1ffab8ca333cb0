//! The service list: the kinds of problem a city accepts.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::ServiceCode;
use crate::lenient::{self, Lenient, opt, or_default, text_serde};
use crate::resource::{Resource, Shape};

/// A kind of problem residents can report (`services.json`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Service {
    /// The code to file requests under.
    #[serde(deserialize_with = "or_default")]
    pub service_code: ServiceCode,
    /// Its name, e.g. "Pothole in Street".
    #[serde(deserialize_with = "or_default")]
    pub service_name: String,
    /// A longer explanation.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether it has a definition with extra questions to fetch.
    #[serde(deserialize_with = "or_default")]
    pub metadata: bool,
    /// What filing it answers with.
    #[serde(rename = "type", deserialize_with = "or_default")]
    pub service_type: ServiceType,
    /// Words to search by; comma-separated on the wire.
    #[serde(deserialize_with = "keywords", serialize_with = "comma_separated")]
    pub keywords: Vec<String>,
    /// The group it is listed under.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// What a server answers when a request is filed for a service.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ServiceType {
    /// Answers with the request's id.
    #[default]
    Realtime,
    /// Answers with a token to exchange for the id later.
    Batch,
    /// Answers with nothing to track.
    Blackbox,
}

impl ServiceType {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceType::Realtime => "realtime",
            ServiceType::Batch => "batch",
            ServiceType::Blackbox => "blackbox",
        }
    }
}

impl fmt::Display for ServiceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Lenient for ServiceType {
    fn from_text(text: &str) -> Option<Self> {
        [
            ServiceType::Realtime,
            ServiceType::Batch,
            ServiceType::Blackbox,
        ]
        .into_iter()
        .find(|kind| kind.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

text_serde!(ServiceType, "realtime, batch or blackbox");

/// Keywords arrive comma-separated, or as a list from servers that know better.
fn keywords<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let parts: Vec<String> = lenient::list(deserializer)?;
    Ok(parts
        .iter()
        .flat_map(|part| part.split(','))
        .map(str::trim)
        .filter(|keyword| !keyword.is_empty())
        .map(str::to_owned)
        .collect())
}

fn comma_separated<S: Serializer>(keywords: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&keywords.join(","))
}

impl Resource for Service {
    const SHAPE: Shape = Shape::List {
        root: "services",
        item: "service",
    };
}
