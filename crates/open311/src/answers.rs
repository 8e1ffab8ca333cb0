//! What a server answers when a request is filed, and when a token is traded.

use serde::{Deserialize, Serialize};

use crate::ids::{ServiceRequestId, Token};
use crate::lenient::opt;
use crate::resource::{Resource, Shape};

/// The answer to filing a request: an id (realtime) or a token (batch).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestCreated {
    /// The new request's id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub service_request_id: Option<ServiceRequestId>,
    /// What to look the id up by later.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub token: Option<Token>,
    /// What the city tells everyone filing this kind of request.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub service_notice: Option<String>,
    /// The resident's account, when the city keeps one.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
}

impl Resource for RequestCreated {
    const SHAPE: Shape = Shape::List {
        root: "service_requests",
        item: "request",
    };
}

/// The answer to `tokens/{token}.json`: the id once the city has one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenAnswer {
    /// The request's id, absent while the city has not assigned one.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub service_request_id: Option<ServiceRequestId>,
    /// The token asked about.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub token: Option<Token>,
}

impl Resource for TokenAnswer {
    const SHAPE: Shape = Shape::List {
        root: "service_requests",
        item: "request",
    };
}
