//! What every document of the API has in common: how it sits in a body.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// How a resource sits in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Any number of items: a JSON array, or XML items named `item` in a `root` element.
    List {
        /// The XML root element, e.g. `services`.
        root: &'static str,
        /// The XML element of one item, e.g. `service`.
        item: &'static str,
    },
    /// One object: a JSON object, or the XML element `root`.
    Single {
        /// The XML root element, e.g. `discovery`.
        root: &'static str,
    },
}

impl Shape {
    /// The XML root element.
    pub fn root(self) -> &'static str {
        match self {
            Shape::List { root, .. } | Shape::Single { root } => root,
        }
    }
}

/// A document of the API that [`decode`](crate::decode) reads and [`encode`](crate::encode) writes.
pub trait Resource: Serialize + DeserializeOwned {
    /// How it sits in a body.
    const SHAPE: Shape;
}
