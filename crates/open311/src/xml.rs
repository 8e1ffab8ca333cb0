//! A small XML element tree: the one XML reader and writer of the crate.
//!
//! Reading turns a document into a tree and the tree into a JSON value, so
//! the same lenient serde code reads both formats. Writing goes the other way
//! from the JSON value of a type. GeoReport XML has no attributes and no mixed
//! content, which keeps both directions simple.

use quick_xml::Reader;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use serde_json::{Map, Value};

/// Nested lists and the name of their items, as the spec writes them.
const LISTS: [(&str, &str); 6] = [
    ("attributes", "attribute"),
    ("values", "value"),
    ("endpoints", "endpoint"),
    ("formats", "format"),
    ("photos", "photo"),
    ("notes", "note"),
];

/// Deeper documents are refused: no GeoReport document nests past a handful
/// of levels, and converting the tree recurses.
const MAX_DEPTH: usize = 64;

/// The element name of the items of the list `name`, if it is one.
fn item_name(name: &str) -> Option<&'static str> {
    LISTS
        .iter()
        .find(|(list, _)| *list == name)
        .map(|(_, item)| *item)
}

/// One element, with its text when it has no children.
#[derive(Debug, Default)]
pub(crate) struct Element {
    /// The local name, without any namespace prefix.
    pub(crate) name: String,
    /// Children, in document order.
    pub(crate) children: Vec<Element>,
    text: String,
    /// `nil="true"` (or `xsi:nil`), the XML spelling of null.
    nil: bool,
}

impl Element {
    fn open(start: &BytesStart<'_>) -> Element {
        Element {
            name: String::from_utf8_lossy(start.local_name().as_ref()).into_owned(),
            nil: start.attributes().flatten().any(|attribute| {
                attribute.key.local_name().as_ref() == b"nil"
                    && attribute.value.as_ref().eq_ignore_ascii_case(b"true")
            }),
            ..Element::default()
        }
    }

    /// The element as a JSON value: text for a leaf, an array for a list
    /// element, an object otherwise, with repeated children gathered in arrays.
    pub(crate) fn to_value(&self) -> Value {
        if self.nil {
            return Value::Null;
        }
        if item_name(&self.name).is_some() {
            return Value::Array(self.children.iter().map(Element::to_value).collect());
        }
        if self.children.is_empty() {
            return Value::String(self.text.clone());
        }
        let mut object = Map::new();
        for child in &self.children {
            let value = child.to_value();
            match object.get_mut(&child.name) {
                Some(Value::Array(repeated)) => repeated.push(value),
                Some(first) => *first = Value::Array(vec![first.take(), value]),
                None => {
                    object.insert(child.name.clone(), value);
                }
            }
        }
        Value::Object(object)
    }
}

/// Reads the root element of a document.
pub(crate) fn parse(body: &[u8]) -> Result<Element, String> {
    let mut reader = Reader::from_reader(body);
    let mut open: Vec<Element> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|error| format!("{error} at byte {}", reader.error_position()))?;
        match event {
            Event::Start(start) => {
                if open.len() >= MAX_DEPTH {
                    return Err(format!("elements nest deeper than {MAX_DEPTH} levels"));
                }
                open.push(Element::open(&start));
            }
            Event::Empty(start) => {
                let element = Element::open(&start);
                match open.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => return Ok(element),
                }
            }
            Event::End(_) => {
                let element = open.pop().ok_or("a closing tag without its opening tag")?;
                match open.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => return Ok(element),
                }
            }
            Event::Text(text) => {
                let text = text.xml10_content().map_err(|error| error.to_string())?;
                push_text(&mut open, &text)?;
            }
            Event::CData(data) => {
                let text = data.xml10_content().map_err(|error| error.to_string())?;
                push_text(&mut open, &text)?;
            }
            Event::GeneralRef(reference) => {
                let name = reference.decode().map_err(|error| error.to_string())?;
                let resolved = match reference
                    .resolve_char_ref()
                    .map_err(|error| error.to_string())?
                {
                    Some(character) => character.to_string(),
                    // An entity XML does not define (an HTML `&nbsp;`) is kept as written.
                    None => {
                        resolve_xml_entity(&name).map_or_else(|| format!("&{name};"), str::to_owned)
                    }
                };
                push_text(&mut open, &resolved)?;
            }
            Event::Eof => {
                return Err(if open.is_empty() {
                    "no element".to_owned()
                } else {
                    "the document ends inside an element".to_owned()
                });
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

fn push_text(open: &mut [Element], text: &str) -> Result<(), String> {
    match open.last_mut() {
        Some(element) => {
            element.text.push_str(text);
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err("text outside the root element".to_owned()),
    }
}

const DECLARATION: &str = r#"<?xml version="1.0" encoding="utf-8"?>"#;

/// Writes a document whose root element `root` holds `value`.
pub(crate) fn document(root: &str, value: &Value) -> String {
    let mut out = String::from(DECLARATION);
    element(&mut out, root, value);
    out
}

/// Writes a document whose root element `root` holds one `item` element per value.
pub(crate) fn list_document(root: &str, item: &str, values: &[Value]) -> String {
    let mut out = String::from(DECLARATION);
    wrapped(&mut out, root, |out| {
        for value in values {
            element(out, item, value);
        }
    });
    out
}

/// Writes `value` as the element `name`. Null writes nothing; an array writes
/// a wrapper of items when `name` is a known list, repeated elements otherwise.
fn element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => match item_name(name) {
            Some(item) => wrapped(out, name, |out| {
                for value in items {
                    element(out, item, value);
                }
            }),
            None => {
                for value in items {
                    element(out, name, value);
                }
            }
        },
        Value::Object(fields) => wrapped(out, name, |out| {
            for (key, value) in fields {
                element(out, key, value);
            }
        }),
        Value::String(text) => wrapped(out, name, |out| escape_into(out, text)),
        Value::Number(number) => wrapped(out, name, |out| out.push_str(&number.to_string())),
        Value::Bool(flag) => wrapped(out, name, |out| {
            out.push_str(if *flag { "true" } else { "false" })
        }),
    }
}

fn wrapped(out: &mut String, name: &str, content: impl FnOnce(&mut String)) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    content(out);
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Escapes text content. A carriage return is written as a reference because
/// readers turn a literal one into a line feed; characters XML 1.0 cannot
/// carry at all are dropped.
fn escape_into(out: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(character),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => out.push(character),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn value_of(xml: &str) -> Value {
        parse(xml.as_bytes()).expect("well-formed").to_value()
    }

    #[test]
    fn leaves_are_text_and_lists_are_arrays() {
        let value = value_of(
            "<definition><code>001</code><values><value><key>1</key></value></values>\
             <empty/><notes></notes></definition>",
        );
        assert_eq!(
            value,
            json!({"code": "001", "values": [{"key": "1"}], "empty": "", "notes": []})
        );
    }

    #[test]
    fn text_keeps_its_whitespace_and_references() {
        let value = value_of("<a><b>  x &amp; y&#13;\r\n&#x41;&nbsp;<![CDATA[<z>]]></b>\n  </a>");
        assert_eq!(value, json!({"b": "  x & y\r\nA&nbsp;<z>"}));
    }

    #[test]
    fn repeated_children_gather_and_nil_is_null() {
        let value =
            value_of(r#"<r xmlns:xsi="x"><m>1</m><m>2</m><m>3</m><lat xsi:nil="true"/></r>"#);
        assert_eq!(value, json!({"m": ["1", "2", "3"], "lat": null}));
    }

    #[test]
    fn malformed_documents_are_errors() {
        for xml in [
            "",
            "hello",
            "<a>",
            "<a></b>",
            "</a>",
            "<a><b></a>",
            "text<a/>",
        ] {
            assert!(parse(xml.as_bytes()).is_err(), "{xml:?} should be refused");
        }
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(parse(deep.as_bytes()).unwrap_err().contains("deeper"));
    }

    #[test]
    fn writes_lists_wrapped_and_escapes_text() {
        let mut out = String::new();
        element(
            &mut out,
            "service_definition",
            &json!({"code": "a<b & \"c\"\r\u{1}", "values": [{"key": "1"}], "order": null, "variable": true}),
        );
        assert_eq!(
            out,
            "<service_definition><code>a&lt;b &amp; \"c\"&#13;</code>\
             <values><value><key>1</key></value></values><variable>true</variable></service_definition>"
        );
    }
}
