//! The error array a server answers with instead of data.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lenient::or_default;
use crate::resource::{Resource, Shape};

/// One error of a server's error array; the description is meant for the resident.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiError {
    /// A code, often the HTTP status but not necessarily.
    #[serde(deserialize_with = "or_default")]
    pub code: String,
    /// What went wrong, in words for the resident.
    #[serde(deserialize_with = "or_default")]
    pub description: String,
}

impl ApiError {
    /// An error with this code and description.
    pub fn new(code: impl Into<String>, description: impl Into<String>) -> Self {
        ApiError {
            code: code.into(),
            description: description.into(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.description, self.code)
    }
}

impl Resource for ApiError {
    const SHAPE: Shape = Shape::List {
        root: "errors",
        item: "error",
    };
}
