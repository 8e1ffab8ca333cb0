//! Service definitions: the extra questions a kind of problem asks.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::ids::{AttributeCode, ServiceCode};
use crate::lenient::{self, Lenient, list, opt, or_default, text_serde};
use crate::resource::{Resource, Shape};

/// The questions of one service (`services/{code}.json`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceDefinition {
    /// The service the questions belong to.
    #[serde(deserialize_with = "or_default")]
    pub service_code: ServiceCode,
    /// The questions, in the server's order (see [`ServiceDefinition::ordered_attributes`]).
    #[serde(deserialize_with = "list")]
    pub attributes: Vec<Attribute>,
}

impl ServiceDefinition {
    /// The attributes in display order: by `order`, those without one last,
    /// ties kept in the server's order.
    pub fn ordered_attributes(&self) -> Vec<&Attribute> {
        let mut ordered: Vec<&Attribute> = self.attributes.iter().collect();
        ordered.sort_by_key(|attribute| (attribute.order.is_none(), attribute.order));
        ordered
    }

    /// The attribute with this code.
    pub fn attribute(&self, code: &AttributeCode) -> Option<&Attribute> {
        self.attributes
            .iter()
            .find(|attribute| &attribute.code == code)
    }
}

/// One question of a service definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attribute {
    /// False for a read-only notice to show rather than a field to fill.
    #[serde(deserialize_with = "variable_flag")]
    pub variable: bool,
    /// The key answers are sent under (`attribute[CODE]`).
    #[serde(deserialize_with = "or_default")]
    pub code: AttributeCode,
    /// What kind of answer it takes.
    #[serde(deserialize_with = "or_default")]
    pub datatype: Datatype,
    /// Whether a request without an answer is refused.
    #[serde(deserialize_with = "or_default")]
    pub required: bool,
    /// A hint about the expected answer.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub datatype_description: Option<String>,
    /// Display position, 1 first.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub order: Option<u32>,
    /// The question as shown to the resident.
    #[serde(deserialize_with = "or_default")]
    pub description: String,
    /// The choices of a list question.
    #[serde(deserialize_with = "list")]
    pub values: Vec<AttributeValue>,
}

impl Default for Attribute {
    fn default() -> Self {
        Attribute {
            variable: true,
            code: AttributeCode::default(),
            datatype: Datatype::default(),
            required: false,
            datatype_description: None,
            order: None,
            description: String::new(),
            values: Vec::new(),
        }
    }
}

impl Attribute {
    /// Whether `key` is one of the choices.
    pub fn has_value(&self, key: &str) -> bool {
        self.values.iter().any(|value| value.key == key)
    }
}

/// An attribute says nothing about being variable only when it is a field,
/// the common case, so a missing or unreadable flag means true.
fn variable_flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(lenient::opt(deserializer)?.unwrap_or(true))
}

/// One choice of a list question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttributeValue {
    /// What is sent.
    #[serde(deserialize_with = "or_default")]
    pub key: String,
    /// What is shown.
    #[serde(deserialize_with = "or_default")]
    pub name: String,
}

/// The kind of answer an attribute takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Datatype {
    /// One line of text. Also what an unknown datatype is read as, so the
    /// resident can still answer it.
    #[default]
    String,
    /// An integer or decimal.
    Number,
    /// A date and time with an offset.
    Datetime,
    /// Several lines of text.
    Text,
    /// One key of `values`.
    SingleValueList,
    /// Any number of keys of `values`.
    MultiValueList,
}

impl Datatype {
    /// Every datatype, in the order the spec lists them.
    pub const ALL: [Datatype; 6] = [
        Datatype::String,
        Datatype::Number,
        Datatype::Datetime,
        Datatype::Text,
        Datatype::SingleValueList,
        Datatype::MultiValueList,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Datatype::String => "string",
            Datatype::Number => "number",
            Datatype::Datetime => "datetime",
            Datatype::Text => "text",
            Datatype::SingleValueList => "singlevaluelist",
            Datatype::MultiValueList => "multivaluelist",
        }
    }

    /// Whether answers are keys of the attribute's `values`.
    pub fn is_list(self) -> bool {
        matches!(self, Datatype::SingleValueList | Datatype::MultiValueList)
    }
}

impl fmt::Display for Datatype {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Lenient for Datatype {
    fn from_text(text: &str) -> Option<Self> {
        Datatype::ALL
            .into_iter()
            .find(|datatype| datatype.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

text_serde!(Datatype, "an attribute datatype");

impl Resource for ServiceDefinition {
    const SHAPE: Shape = Shape::Single {
        root: "service_definition",
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribute(code: &str, order: Option<u32>) -> Attribute {
        Attribute {
            code: AttributeCode::new(code),
            order,
            ..Attribute::default()
        }
    }

    #[test]
    fn orders_by_order_with_nulls_last_and_ties_stable() {
        let definition = ServiceDefinition {
            service_code: ServiceCode::new("001"),
            attributes: vec![
                attribute("none1", None),
                attribute("third", Some(3)),
                attribute("first", Some(1)),
                attribute("none2", None),
                attribute("first_too", Some(1)),
            ],
        };
        let codes: Vec<&str> = definition
            .ordered_attributes()
            .iter()
            .map(|a| a.code.as_str())
            .collect();
        assert_eq!(codes, ["first", "first_too", "third", "none1", "none2"]);
    }

    #[test]
    fn an_unknown_datatype_reads_as_one_line_of_text() {
        let a: Attribute = serde_json::from_str(r#"{"code":"X","datatype":"boolean"}"#).unwrap();
        assert_eq!(a.datatype, Datatype::String);
        assert!(a.variable, "a missing `variable` means a field");
        let b: Attribute =
            serde_json::from_str(r#"{"datatype":"SingleValueList","variable":"false"}"#).unwrap();
        assert_eq!(b.datatype, Datatype::SingleValueList);
        assert!(!b.variable);
    }
}
