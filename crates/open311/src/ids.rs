//! Identifiers, kept as text even when a server sends them as numbers.
//!
//! The spec's own examples write ids as numbers, some with leading zeros, so an
//! id is never converted to an integer: `"001"` stays `"001"`.

use std::fmt;

use crate::lenient::{Lenient, text_serde};

/// Declares a text identifier with the lenient wire form shared by all ids.
macro_rules! id {
    ($(#[$doc:meta])* $name:ident, $expected:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Wraps the text of an identifier.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The identifier's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        // Ids are trimmed: whitespace around a number-like id is formatting.
        impl Lenient for $name {
            fn from_text(text: &str) -> Option<Self> {
                let text = text.trim();
                (!text.is_empty()).then(|| Self::new(text))
            }
        }

        text_serde!($name, $expected);
    };
}

id!(
    /// The code of a service (a kind of problem), e.g. `"4fd3b167e750846744000005"` or `"001"`.
    ServiceCode,
    "a service code"
);
id!(
    /// The id a server gives a filed request.
    ServiceRequestId,
    "a service request id"
);
id!(
    /// The token a batch server answers with before the request has an id.
    Token,
    "a token"
);
id!(
    /// The code of an attribute in a service definition.
    AttributeCode,
    "an attribute code"
);
id!(
    /// The jurisdiction an endpoint serving several cities needs, e.g. `"cityofchicago.org"`.
    JurisdictionId,
    "a jurisdiction id"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_from_numbers_and_strings() {
        let from_number: ServiceRequestId = serde_json::from_str("638344").unwrap();
        assert_eq!(from_number.as_str(), "638344");
        let from_string: ServiceCode = serde_json::from_str("\"001\"").unwrap();
        assert_eq!(from_string.as_str(), "001");
        let trimmed: Token = serde_json::from_str("\" 12345 \"").unwrap();
        assert_eq!(trimmed.as_str(), "12345");
    }

    #[test]
    fn ids_write_as_strings() {
        assert_eq!(
            serde_json::to_string(&ServiceCode::new("001")).unwrap(),
            "\"001\""
        );
    }

    #[test]
    fn blank_or_structured_ids_are_refused() {
        assert!(serde_json::from_str::<AttributeCode>("\"  \"").is_err());
        assert!(serde_json::from_str::<AttributeCode>("{}").is_err());
        assert!(serde_json::from_str::<AttributeCode>("null").is_err());
    }

    #[test]
    fn ids_key_maps() {
        let map: std::collections::BTreeMap<AttributeCode, u8> =
            serde_json::from_str(r#"{"WHERE": 1}"#).unwrap();
        assert_eq!(map[&AttributeCode::new("WHERE")], 1);
        assert_eq!(AttributeCode::new("WHERE").to_string(), "WHERE");
    }
}
