//! The two wire formats of GeoReport v2.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A response format, named by the suffix of every resource path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `.json`: optional in the spec, offered by most servers.
    Json,
    /// `.xml`: the one format every server must speak.
    Xml,
}

impl Format {
    /// The path suffix without its dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }

    /// The `Content-Type` of a body in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json; charset=utf-8",
            Format::Xml => "text/xml; charset=utf-8",
        }
    }

    /// The format a path suffix names, in any letter case.
    pub fn from_extension(extension: &str) -> Option<Format> {
        [Format::Json, Format::Xml]
            .into_iter()
            .find(|format| format.extension().eq_ignore_ascii_case(extension))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Json => "JSON",
            Format::Xml => "XML",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_round_trip() {
        for format in [Format::Json, Format::Xml] {
            assert_eq!(Format::from_extension(format.extension()), Some(format));
        }
        assert_eq!(Format::from_extension("XML"), Some(Format::Xml));
        assert_eq!(Format::from_extension("html"), None);
    }

    #[test]
    fn content_types_name_utf8() {
        assert_eq!(
            Format::Json.content_type(),
            "application/json; charset=utf-8"
        );
        assert_eq!(Format::Xml.content_type(), "text/xml; charset=utf-8");
    }
}
