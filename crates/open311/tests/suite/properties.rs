//! Properties of the codecs: what is written reads back the same, and no
//! input makes a reader panic.

use std::fmt::Debug;

use open311::*;
use proptest::collection::vec;
use proptest::prelude::*;

use crate::readers::read_as_everything;
use crate::strategies;

fn round_trips<T: Resource + PartialEq + Debug>(items: Vec<T>) -> Result<(), TestCaseError> {
    for format in [Format::Json, Format::Xml] {
        let body = encode(format, &items);
        let read = decode::<T>(format, body.as_bytes());
        prop_assert_eq!(read.as_ref(), Ok(&items), "{}", body);
    }
    Ok(())
}

/// Every reader of the crate, fed the same bytes; only panics matter.
fn read_everything(body: &[u8]) {
    for format in [Format::Json, Format::Xml] {
        read_as_everything(format, body);
    }
    let text = String::from_utf8_lossy(body);
    let _ = decode_form(&text);
    let _ = from_fields(text.split('&').map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key.to_owned(), value.to_owned())
    }));
}

/// Splits a multipart body into its text fields, as a server would.
fn multipart_fields(body: &[u8], boundary: &str) -> Vec<(String, String)> {
    let body = String::from_utf8(body.to_vec()).expect("text parts only");
    let delimiter = format!("\r\n--{boundary}");
    let body = format!("\r\n{body}");
    let closing = format!("{delimiter}--\r\n");
    let body = body.strip_suffix(&closing).expect("closing delimiter");
    body.split(&delimiter)
        .skip(1)
        .map(|part| {
            let part = part.strip_prefix("\r\n").expect("line after delimiter");
            let (headers, value) = part
                .split_once("\r\n\r\n")
                .expect("blank line after headers");
            let name = headers
                .strip_prefix("Content-Disposition: form-data; name=\"")
                .and_then(|rest| rest.strip_suffix('"'))
                .expect("a text part");
            (name.to_owned(), value.to_owned())
        })
        .collect()
}

proptest! {
    #[test]
    fn discovery_round_trips(item in strategies::discovery()) {
        round_trips(vec![item])?;
    }

    #[test]
    fn services_round_trip(items in vec(strategies::service(), 0..4)) {
        round_trips(items)?;
    }

    #[test]
    fn definitions_round_trip(item in strategies::definition()) {
        round_trips(vec![item])?;
    }

    #[test]
    fn requests_round_trip(items in vec(strategies::service_request(), 0..3)) {
        round_trips(items)?;
    }

    #[test]
    fn creation_answers_round_trip(items in vec(strategies::request_created(), 0..3)) {
        round_trips(items)?;
    }

    #[test]
    fn token_answers_round_trip(items in vec(strategies::token_answer(), 0..3)) {
        round_trips(items)?;
    }

    #[test]
    fn errors_round_trip(items in vec(strategies::api_error(), 0..3)) {
        round_trips(items)?;
    }

    #[test]
    fn timestamps_keep_their_offset(timestamp in strategies::timestamp()) {
        let read: Timestamp = timestamp.to_string().parse().unwrap();
        prop_assert_eq!(read.0.offset(), timestamp.0.offset());
        prop_assert_eq!(read, timestamp);
    }

    #[test]
    fn readers_never_panic_on_bytes(body in vec(any::<u8>(), 0..256)) {
        read_everything(&body);
    }

    #[test]
    fn readers_never_panic_on_markup(body in "[<>/?!a-z_\"'{}\\[\\]:,.0-9 &;#=-]{0,128}") {
        read_everything(body.as_bytes());
    }

    #[test]
    fn readers_never_panic_on_damaged_documents(
        request in strategies::service_request(),
        cut in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        for format in [Format::Json, Format::Xml] {
            let mut body = encode(format, std::slice::from_ref(&request)).into_bytes();
            let at = cut.index(body.len());
            read_everything(&body[..at]);
            body[at] = byte;
            read_everything(&body);
        }
    }

    #[test]
    fn forms_round_trip(draft in strategies::draft(), key in proptest::option::of("(?s).{1,16}")) {
        let submission = decode_form(&encode_form(&draft, key.as_deref()));
        prop_assert_eq!(submission, Ok(Submission { draft, api_key: key }));
    }

    #[test]
    fn multipart_text_parts_round_trip(draft in strategies::draft()) {
        let boundary = "open311-property-boundary";
        let body = encode_multipart(&draft, Some("KEY"), &[], boundary);
        let submission = from_fields(multipart_fields(&body, boundary));
        prop_assert_eq!(submission, Ok(Submission { draft, api_key: Some("KEY".into()) }));
    }

    #[test]
    fn problems_are_sentences_about_the_draft(
        draft in strategies::draft(),
        definition in strategies::definition(),
    ) {
        if let Err(problems) = validate(&draft, Some(&definition)) {
            prop_assert!(!problems.is_empty());
            for problem in &problems {
                prop_assert!(problem.message.ends_with('.'), "{}", problem.message);
                if let Field::Attribute(code) = &problem.field {
                    let asked = definition.attributes.iter().any(|a| &a.code == code);
                    prop_assert!(asked || draft.attributes.contains_key(code));
                    prop_assert_eq!(&ApiError::from(problem).code, code.as_str());
                }
            }
        }
    }
}
