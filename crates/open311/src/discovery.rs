//! The discovery document: where a city's endpoints are and what they speak.

use serde::{Deserialize, Serialize};

use crate::lenient::{list, opt};
use crate::resource::{Resource, Shape};

/// A city's discovery document (`discovery.json`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Discovery {
    /// Sortable stamp of the last change: cached services are stale when it moves.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub changeset: Option<String>,
    /// Who to contact about the API.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Where to ask for an API key.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub key_service: Option<String>,
    /// The endpoints the city runs.
    #[serde(deserialize_with = "list")]
    pub endpoints: Vec<Endpoint>,
}

/// One endpoint of a discovery document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Endpoint {
    /// The spec it implements, e.g. `http://wiki.open311.org/GeoReport_v2`.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub specification: Option<String>,
    /// Its base URL.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When it last changed.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub changeset: Option<String>,
    /// `production` or `test`.
    #[serde(
        rename = "type",
        deserialize_with = "opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_type: Option<String>,
    /// The content types it answers in, e.g. `text/xml`.
    #[serde(deserialize_with = "list")]
    pub formats: Vec<String>,
}

impl Resource for Discovery {
    const SHAPE: Shape = Shape::Single { root: "discovery" };
}
