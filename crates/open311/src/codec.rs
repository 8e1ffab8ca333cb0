//! Reading and writing whole documents in either format.

use serde_json::{Map, Value};
use thiserror::Error;

use crate::api_error::ApiError;
use crate::format::Format;
use crate::lenient;
use crate::resource::{Resource, Shape};
use crate::xml;

/// Why a body did not yield the data asked for.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum DecodeError {
    /// The body was empty.
    #[error("the body is empty")]
    Empty,
    /// The body was an HTML page, as proxies and crashed servers send.
    #[error("the body is an HTML page")]
    Html,
    /// The body was not readable as the format asked for.
    #[error("malformed {format}: {detail}")]
    Malformed {
        /// The format the body should have been in.
        format: Format,
        /// What was wrong, for logs.
        detail: String,
    },
    /// The body was the server's error array.
    #[error("the server answered with errors: {}", descriptions(.0))]
    Api(Vec<ApiError>),
}

impl DecodeError {
    /// A sentence for the resident.
    pub fn user_message(&self) -> String {
        match self {
            DecodeError::Empty => {
                "The city's server sent an empty answer. Try again later.".to_owned()
            }
            DecodeError::Html => {
                "The city's server sent a web page instead of data. Try again later.".to_owned()
            }
            DecodeError::Malformed { .. } => {
                "The city's server sent an answer the app cannot read. Try again later.".to_owned()
            }
            DecodeError::Api(errors) if errors.iter().all(|e| e.description.trim().is_empty()) => {
                "The city's server refused the request without saying why.".to_owned()
            }
            // The spec writes error descriptions for the resident.
            DecodeError::Api(errors) => descriptions(errors),
        }
    }
}

fn descriptions(errors: &[ApiError]) -> String {
    errors
        .iter()
        .map(|error| error.description.trim())
        .filter(|description| !description.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn malformed(format: Format, detail: impl Into<String>) -> DecodeError {
    DecodeError::Malformed {
        format,
        detail: detail.into(),
    }
}

/// Reads the items of a body. A single document (discovery, definition) gives
/// one item; a JSON object where an array was due counts as one item.
pub fn decode<T: Resource>(format: Format, body: &[u8]) -> Result<Vec<T>, DecodeError> {
    let body = body.strip_prefix("\u{feff}".as_bytes()).unwrap_or(body);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    if looks_like_html(body) {
        return Err(DecodeError::Html);
    }
    let values = match format {
        Format::Json => json_items::<T>(body)?,
        Format::Xml => xml_items::<T>(body)?,
    };
    values
        .iter()
        .map(|value| {
            lenient::item(value).ok_or_else(|| malformed(format, "an item is not an object"))
        })
        .collect()
}

fn looks_like_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html") || head.starts_with('<') && head.contains("<html")
}

fn is_error_resource<T: Resource>() -> bool {
    T::SHAPE == ApiError::SHAPE
}

fn json_items<T: Resource>(body: &[u8]) -> Result<Vec<Value>, DecodeError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|error| malformed(Format::Json, error.to_string()))?;
    let items = match value {
        Value::Array(items) => items,
        Value::Object(_) => vec![value],
        Value::Null => return Err(DecodeError::Empty),
        _ => return Err(malformed(Format::Json, "expected an array or an object")),
    };
    let looks_like_error =
        |item: &Value| item.get("code").is_some() && item.get("description").is_some();
    if !is_error_resource::<T>() && !items.is_empty() && items.iter().all(looks_like_error) {
        return Err(DecodeError::Api(
            items.iter().filter_map(lenient::item).collect(),
        ));
    }
    Ok(items)
}

fn xml_items<T: Resource>(body: &[u8]) -> Result<Vec<Value>, DecodeError> {
    let root = xml::parse(body).map_err(|detail| malformed(Format::Xml, detail))?;
    if root.name.eq_ignore_ascii_case("html") {
        return Err(DecodeError::Html);
    }
    let children = || root.children.iter().map(xml::Element::to_value).collect();
    if root.name == ApiError::SHAPE.root() && !is_error_resource::<T>() {
        let values: Vec<Value> = children();
        return Err(DecodeError::Api(
            values.iter().filter_map(lenient::item).collect(),
        ));
    }
    Ok(match T::SHAPE {
        // Servers that answer with a lone item, or name the root their own way,
        // are read as well as those that follow the spec.
        Shape::List { item, .. } if root.name == item => vec![root.to_value()],
        Shape::List { .. } => children(),
        Shape::Single { .. } => vec![root.to_value()],
    })
}

/// Writes items in the spec's shape: a JSON array or an XML list for lists; the
/// first item alone for a single document (an empty one when there is none).
pub fn encode<T: Resource>(format: Format, items: &[T]) -> String {
    // The model has only string keys and no fallible Serialize impls.
    let to_value = |item: &T| serde_json::to_value(item).expect("model types always serialize");
    match T::SHAPE {
        Shape::List { root, item } => {
            let values: Vec<Value> = items.iter().map(to_value).collect();
            match format {
                Format::Json => Value::Array(values).to_string(),
                Format::Xml => xml::list_document(root, item, &values),
            }
        }
        Shape::Single { root } => {
            let value = items
                .first()
                .map_or_else(|| Value::Object(Map::new()), to_value);
            match format {
                Format::Json => value.to_string(),
                Format::Xml => xml::document(root, &value),
            }
        }
    }
}
