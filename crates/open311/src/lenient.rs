//! Reading values the way real Open311 servers send them.
//!
//! Servers disagree on types: ids come as numbers or strings, booleans as
//! `"true"`, coordinates as numeric strings, and XML carries only text. Every
//! scalar field is therefore read through its text form, and a value that
//! cannot be read counts as missing rather than failing the whole answer.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// A scalar that can be read from the text a server sent for it.
pub(crate) trait Lenient: Sized {
    /// The value `text` stands for, or `None` when it stands for nothing usable.
    fn from_text(text: &str) -> Option<Self>;
}

impl Lenient for String {
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl Lenient for f64 {
    fn from_text(text: &str) -> Option<Self> {
        text.trim().parse().ok().filter(|n: &f64| n.is_finite())
    }
}

impl Lenient for u32 {
    fn from_text(text: &str) -> Option<Self> {
        let text = text.trim();
        // "12.0" is how some servers write an integer.
        text.parse().ok().or_else(|| {
            let n: f64 = text.parse().ok()?;
            (n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n)).then_some(n as u32)
        })
    }
}

impl Lenient for bool {
    fn from_text(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            _ => None,
        }
    }
}

/// The text form of a JSON scalar; `None` for null, arrays and objects.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// Reads a scalar the way servers send it; `None` when it is unusable.
pub(crate) fn scalar<T: Lenient>(value: &Value) -> Option<T> {
    text_of(value).and_then(|text| T::from_text(&text))
}

/// An optional field: null, blank text and unreadable values are all absent,
/// as the spec says a parameter sent empty means the same as not sent.
pub(crate) fn opt<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Lenient,
{
    let value = Value::deserialize(deserializer)?;
    Ok(text_of(&value)
        .filter(|text| !text.trim().is_empty())
        .and_then(|text| T::from_text(&text)))
}

/// A field with a natural default, used when it is missing or unreadable.
pub(crate) fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Lenient + Default,
{
    Ok(scalar(&Value::deserialize(deserializer)?).unwrap_or_default())
}

/// A list: a JSON array, an XML wrapper element, a lone item where an array
/// was due, or nothing at all. Items that cannot be read are skipped.
pub(crate) fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(match Value::deserialize(deserializer)? {
        Value::Array(items) => items.iter().filter_map(item).collect(),
        Value::Null => Vec::new(),
        Value::String(s) if s.trim().is_empty() => Vec::new(),
        lone => item(&lone).into_iter().collect(),
    })
}

/// An optional nested object; anything else counts as absent.
pub(crate) fn nested<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(item(&Value::deserialize(deserializer)?))
}

/// One object of a list or document. An empty XML element reads as blank
/// text, so blank text stands for an object whose fields are all missing.
pub(crate) fn item<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok().or_else(|| match value {
        Value::String(s) if s.trim().is_empty() => T::deserialize(&Value::Object(Map::new())).ok(),
        _ => None,
    })
}

/// Implements Serialize through `Display` and Deserialize through [`Lenient`],
/// for the scalar types of the model.
macro_rules! text_serde {
    ($type:ty, $expected:literal) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                $crate::lenient::scalar(&value).ok_or_else(|| {
                    <D::Error as serde::de::Error>::custom(concat!("expected ", $expected))
                })
            }
        }
    };
}
pub(crate) use text_serde;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Sample {
        #[serde(deserialize_with = "opt")]
        lat: Option<f64>,
        #[serde(deserialize_with = "opt")]
        zipcode: Option<String>,
        #[serde(deserialize_with = "or_default")]
        metadata: bool,
        #[serde(deserialize_with = "opt")]
        order: Option<u32>,
        #[serde(deserialize_with = "list")]
        tags: Vec<String>,
    }

    fn sample(value: Value) -> Sample {
        serde_json::from_value(value).expect("lenient fields never fail")
    }

    #[test]
    fn numbers_arrive_as_numbers_or_strings() {
        let s = sample(json!({"lat": "41.88", "zipcode": 60601, "order": "2"}));
        assert_eq!(s.lat, Some(41.88));
        assert_eq!(s.zipcode.as_deref(), Some("60601"));
        assert_eq!(s.order, Some(2));
        assert_eq!(sample(json!({"order": 3.0})).order, Some(3));
    }

    #[test]
    fn booleans_arrive_as_text() {
        assert!(sample(json!({"metadata": "true"})).metadata);
        assert!(sample(json!({"metadata": "TRUE"})).metadata);
        assert!(!sample(json!({"metadata": "false"})).metadata);
        assert!(sample(json!({"metadata": true})).metadata);
        assert!(!sample(json!({"metadata": "maybe"})).metadata);
    }

    #[test]
    fn null_blank_and_garbage_are_missing() {
        let missing = Sample::default();
        assert_eq!(sample(json!({})), missing);
        assert_eq!(
            sample(
                json!({"lat": null, "zipcode": "  ", "metadata": null, "order": "first", "tags": null})
            ),
            missing
        );
        assert_eq!(
            sample(json!({"lat": "north", "order": -1, "tags": ""})),
            missing
        );
        assert_eq!(sample(json!({"lat": "NaN"})).lat, None);
    }

    #[test]
    fn lists_accept_a_lone_item_and_skip_unreadable_ones() {
        assert_eq!(sample(json!({"tags": "x"})).tags, ["x"]);
        assert_eq!(sample(json!({"tags": ["a", 1, "b"]})).tags, ["a", "b"]);
    }

    #[test]
    fn text_is_kept_verbatim() {
        assert_eq!(
            sample(json!({"zipcode": " 00601 "})).zipcode.as_deref(),
            Some(" 00601 ")
        );
    }
}
