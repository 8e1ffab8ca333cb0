//! Properties of reading what real servers send: any well-formed document of any shape reads
//! without a panic, numbers stand in for ids, and form bodies carry any field unchanged.

use open311::*;
use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{Map, Value};

use crate::readers::read_as_everything;

/// The names GeoReport documents use, and a few that no document has.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "service_request_id",
            "token",
            "status",
            "status_notes",
            "service_name",
            "service_code",
            "description",
            "agency_responsible",
            "service_notice",
            "requested_datetime",
            "updated_datetime",
            "expected_datetime",
            "address",
            "address_id",
            "zipcode",
            "lat",
            "long",
            "media_url",
            "extended_attributes",
            "notes",
            "photos",
            "datetime",
            "type",
            "summary",
            "code",
            "attributes",
            "attribute",
            "values",
            "value",
            "key",
            "name",
            "variable",
            "datatype",
            "required",
            "order",
            "metadata",
            "keywords",
            "group",
            "changeset",
            "endpoints",
            "endpoint",
            "formats",
            "url",
            "specification",
            "account_id",
            "error",
            "errors",
        ])
        .prop_map(str::to_owned),
        "[a-z_]{1,8}",
    ]
}

/// Any JSON value, its objects keyed mostly by GeoReport names.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        "(open|closed|true|false|1|0|2024-05-01T10:00:00Z|41.88)".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            vec((field_name(), inner), 0..6)
                .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// The same tree as XML elements: objects' fields become children, arrays repeat their
/// element, leaves become text.
fn to_xml(name: &str, value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| to_xml(name, item, out)),
        Value::Object(fields) => {
            out.push_str(&format!("<{name}>"));
            fields
                .iter()
                .for_each(|(child, value)| to_xml(child, value, out));
            out.push_str(&format!("</{name}>"));
        }
        Value::Null => out.push_str(&format!("<{name} nil=\"true\"/>")),
        leaf => {
            let text = leaf
                .as_str()
                .map_or_else(|| leaf.to_string(), str::to_owned);
            let text = text.replace('&', "&amp;").replace('<', "&lt;");
            out.push_str(&format!("<{name}>{text}</{name}>"));
        }
    }
}

/// A form field: the ones a create request has, attribute fields well and badly formed,
/// and anything else.
fn form_field() -> impl Strategy<Value = (String, String)> {
    let name = prop_oneof![
        field_name(),
        "attribute\\[[A-Za-z0-9_\\[\\] ]{0,6}\\](\\[\\])?",
        "\\PC{0,8}",
    ];
    (name, "\\PC{0,12}")
}

proptest! {
    #[test]
    fn any_json_document_reads_without_panic(value in json_value()) {
        read_as_everything(Format::Json, value.to_string().as_bytes());
        read_as_everything(Format::Json, Value::Array(vec![value]).to_string().as_bytes());
    }

    #[test]
    fn any_xml_document_reads_without_panic(
        root in "(service_requests|services|errors|discovery|[a-z]{1,6})",
        value in json_value(),
    ) {
        let mut body = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        to_xml(&root, &Value::Object(Map::from_iter([("item".to_owned(), value)])), &mut body);
        read_as_everything(Format::Xml, body.as_bytes());
    }

    #[test]
    fn numbers_stand_in_for_ids(id in any::<u64>(), code in 0u32..100_000, zip in "0[0-9]{4}") {
        let body = format!(
            r#"[{{"service_request_id":{id},"service_code":{code},"zipcode":"{zip}","token":{id}}}]"#
        );
        let read: Vec<ServiceRequest> = decode(Format::Json, body.as_bytes()).unwrap();
        prop_assert_eq!(read[0].service_request_id.as_ref().map(|id| id.to_string()), Some(id.to_string()));
        prop_assert_eq!(read[0].service_code.as_ref().map(|c| c.to_string()), Some(code.to_string()));
        prop_assert_eq!(read[0].zipcode.as_deref(), Some(zip.as_str()));
        let created: Vec<RequestCreated> = decode(Format::Json, body.as_bytes()).unwrap();
        prop_assert_eq!(created[0].token.as_ref().map(|t| t.to_string()), Some(id.to_string()));
    }

    #[test]
    fn timestamps_read_back_what_they_write(text in prop_oneof![
        "\\PC{0,32}",
        "[+-]?[0-9]{4,5}-[01][0-9]-[0-3][0-9]([T ][0-2][0-9]:[0-6][0-9](:[0-6][0-9](\\.[0-9]{1,12})?)?)?\
         (Z|z|[+-][0-2][0-9]:?[0-6][0-9])?",
    ]) {
        if let Some(timestamp) = Timestamp::parse(&text) {
            prop_assert_eq!(Timestamp::parse(&timestamp.to_string()), Some(timestamp));
        }
    }

    #[test]
    fn form_bodies_carry_any_field_unchanged(fields in vec(form_field(), 0..12)) {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&fields)
            .finish();
        prop_assert_eq!(decode_form(&body), from_fields(fields));
    }

    #[test]
    fn any_form_body_reads_without_panic(body in "\\PC{0,64}|[a-z_%0-9A-F\\[\\]=&+]{0,64}") {
        if let Ok(submission) = decode_form(&body) {
            prop_assert!(!submission.draft.service_code.as_str().trim().is_empty());
            let _ = validate(&submission.draft, None);
        }
    }
}
