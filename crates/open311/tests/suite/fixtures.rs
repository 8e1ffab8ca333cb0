//! Bodies as real servers send them, in both formats.

use open311::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// Decodes a fixture that exists in both formats and checks both agree.
fn both<T: Resource + PartialEq + std::fmt::Debug>(stem: &str) -> Vec<T> {
    let json =
        decode::<T>(Format::Json, &fixture(&format!("{stem}.json"))).expect("JSON fixture decodes");
    let xml =
        decode::<T>(Format::Xml, &fixture(&format!("{stem}.xml"))).expect("XML fixture decodes");
    assert_eq!(json, xml, "{stem}: JSON and XML disagree");
    json
}

fn timestamp(text: &str) -> Option<Timestamp> {
    Some(text.parse().expect("a valid test datetime"))
}

#[test]
fn a_chicago_request_with_extensions() {
    let requests: Vec<ServiceRequest> = both("requests_chicago");
    assert_eq!(requests.len(), 2);
    let pothole = &requests[0];
    assert_eq!(
        pothole.service_request_id,
        Some(ServiceRequestId::new("638344"))
    );
    assert_eq!(pothole.status, Some(Status::Open));
    assert_eq!(pothole.status_notes, None);
    assert_eq!(
        pothole.service_code,
        Some(ServiceCode::new("4fd3b167e750846744000005"))
    );
    assert_eq!(
        pothole.description.as_deref(),
        Some("Deep pothole in the curb lane, \"about a foot\" across.")
    );
    assert_eq!(
        pothole.requested_datetime,
        timestamp("2012-04-23T15:15:00Z")
    );
    assert_eq!(
        pothole.updated_datetime,
        timestamp("2012-04-24T13:30:12.25Z")
    );
    assert_eq!(pothole.expected_datetime, None);
    assert_eq!(pothole.address_id.as_deref(), Some("40312"));
    assert_eq!(pothole.zipcode.as_deref(), Some("60602"));
    assert_eq!(
        (pothole.lat, pothole.long),
        (Some(41.883675), Some(-87.632404))
    );
    assert_eq!(pothole.media_url, None);

    let extended = pothole.extended_attributes.as_ref().expect("extensions");
    assert_eq!(extended.channel.as_deref(), Some("Mobile"));
    assert_eq!(extended.ward.as_deref(), Some("42"));
    assert_eq!(extended.duplicate, None);
    assert_eq!(
        extended.parent_service_request_id,
        Some(ServiceRequestId::new("13-00011111"))
    );
    assert_eq!(
        extended.photos,
        [Photo {
            media_url: "https://example.gov/photos/1.jpg".into(),
            title: Some("Pothole".into()),
            width: Some(1024),
            height: Some(768),
        }]
    );

    let types: Vec<&NoteType> = pothole.notes.iter().map(|note| &note.note_type).collect();
    assert_eq!(
        types,
        [
            &NoteType::Opened,
            &NoteType::Activity,
            &NoteType::FollowOnCreated,
            &NoteType::Other("escalated".into())
        ]
    );
    assert_eq!(
        pothole.notes[1].description.as_deref(),
        Some("Crew 7 will inspect.")
    );
    assert_eq!(pothole.notes[3].datetime, None);

    let sparse = &requests[1];
    assert_eq!(
        sparse.service_request_id,
        Some(ServiceRequestId::new("13-00012345"))
    );
    assert_eq!(sparse.status, Some(Status::Closed));
    assert_eq!(sparse.service_code, Some(ServiceCode::new("1")));
    assert_eq!(
        sparse.description, None,
        "an empty description is no description"
    );
    assert_eq!(
        sparse.zipcode.as_deref(),
        Some("00601"),
        "leading zeros stay"
    );
    assert_eq!(sparse.extended_attributes, None);
    assert!(sparse.notes.is_empty());
}

#[test]
fn a_service_list() {
    let services: Vec<Service> = both("services");
    let codes: Vec<&str> = services.iter().map(|s| s.service_code.as_str()).collect();
    assert_eq!(codes, ["001", "4", "4fd6e4ece750840569000019"]);
    assert!(services[0].metadata);
    assert_eq!(services[0].keywords, ["lorem", "ipsum", "dolor"]);
    assert_eq!(services[0].group.as_deref(), Some("sanitation"));
    assert_eq!(services[1].service_type, ServiceType::Batch);
    assert_eq!(services[1].description, None);
    assert!(services[1].keywords.is_empty());
    assert_eq!(services[2].service_type, ServiceType::Blackbox);
    assert!(!services[2].metadata);
}

#[test]
fn the_pothole_definition() {
    let definitions: Vec<ServiceDefinition> = both("definition_pothole");
    let [definition] = definitions.as_slice() else {
        panic!("one definition, got {definitions:?}")
    };
    let codes: Vec<&str> = definition
        .ordered_attributes()
        .iter()
        .map(|a| a.code.as_str())
        .collect();
    assert_eq!(codes, ["WHEREIS", "NOTICE", "A511OPTN"]);
    let where_is = &definition.attributes[1];
    assert_eq!(where_is.datatype, Datatype::SingleValueList);
    assert!(where_is.required && where_is.variable);
    assert_eq!(where_is.datatype_description, None);
    assert_eq!(where_is.values.len(), 5);
    assert_eq!(
        where_is.values[2],
        AttributeValue {
            key: "curb".into(),
            name: "Curb Lane".into()
        }
    );
    assert!(!definition.attributes[2].variable);
    assert!(definition.attributes[2].values.is_empty());

    let mut draft = Draft {
        service_code: definition.service_code.clone(),
        ..Draft::default()
    };
    draft.location.address_string = Some("121 N LaSalle St".into());
    let problems = validate(&draft, Some(definition)).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].message, "Choose where the pothole is.");
    draft
        .attributes
        .insert(AttributeCode::new("WHEREIS"), Answer::Single("curb".into()));
    assert_eq!(validate(&draft, Some(definition)), Ok(()));
}

#[test]
fn a_discovery_document() {
    let documents: Vec<Discovery> = both("discovery");
    let discovery = &documents[0];
    assert_eq!(discovery.changeset.as_deref(), Some("2011-04-05 17:48:34"));
    assert_eq!(discovery.endpoints.len(), 2);
    assert_eq!(
        discovery.endpoints[0].endpoint_type.as_deref(),
        Some("production")
    );
    assert_eq!(
        discovery.endpoints[0].formats,
        ["text/xml", "application/json"]
    );
    assert_eq!(discovery.endpoints[1].formats, ["text/xml"]);
}

#[test]
fn an_error_array_where_data_was_expected() {
    let expected = vec![
        ApiError::new(
            "403",
            "Invalid api_key received -- can't proceed with create_request.",
        ),
        ApiError::new(
            "400",
            "A location is required: lat and long, address_string or address_id.",
        ),
    ];
    for format in [Format::Json, Format::Xml] {
        let body = fixture(&format!("errors.{}", format.extension()));
        let error = decode::<ServiceRequest>(format, &body).unwrap_err();
        assert_eq!(error, DecodeError::Api(expected.clone()));
        assert_eq!(
            error.user_message(),
            "Invalid api_key received -- can't proceed with create_request. \
             A location is required: lat and long, address_string or address_id."
        );
        assert_eq!(decode::<ApiError>(format, &body), Ok(expected.clone()));
        assert_eq!(
            decode::<ServiceDefinition>(format, &body),
            Err(DecodeError::Api(expected.clone()))
        );
    }
    let single = br#"{"code": 404, "description": "No such service."}"#;
    assert_eq!(
        decode::<Service>(Format::Json, single),
        Err(DecodeError::Api(vec![ApiError::new(
            "404",
            "No such service."
        )]))
    );
}

#[test]
fn an_html_error_page() {
    let page = fixture("bad_gateway.html");
    for format in [Format::Json, Format::Xml] {
        let error = decode::<Service>(format, &page).unwrap_err();
        assert_eq!(error, DecodeError::Html);
        assert_eq!(
            error.user_message(),
            "The city's server sent a web page instead of data. Try again later."
        );
    }
    let xhtml = br#"<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>Down</body></html>"#;
    assert_eq!(
        decode::<Service>(Format::Xml, xhtml),
        Err(DecodeError::Html)
    );
}

#[test]
fn an_empty_body() {
    for body in [&b""[..], b"  \r\n", b"\xef\xbb\xbf", b"null"] {
        for format in [Format::Json, Format::Xml] {
            if format == Format::Xml && body == b"null" {
                continue;
            }
            let error = decode::<ServiceRequest>(format, body).unwrap_err();
            assert_eq!(error, DecodeError::Empty, "{body:?} as {format}");
            assert!(error.user_message().contains("empty"));
        }
    }
}

#[test]
fn bodies_that_are_not_the_format() {
    let cases: [(Format, &[u8]); 6] = [
        (Format::Json, b"{\"service_code\": "),
        (Format::Json, b"<services/>"),
        (Format::Json, b"\"just text\""),
        (Format::Json, b"[1, 2]"),
        (Format::Xml, b"[{\"service_code\": 1}]"),
        (Format::Xml, b"<services><service></services>"),
    ];
    for (format, body) in cases {
        let error = decode::<Service>(format, body).unwrap_err();
        assert!(
            matches!(&error, DecodeError::Malformed { format: f, .. } if *f == format),
            "{}: {error:?}",
            String::from_utf8_lossy(body)
        );
        assert_eq!(
            error.user_message(),
            "The city's server sent an answer the app cannot read. Try again later."
        );
    }
}

#[test]
fn answers_to_filing_a_request() {
    let created = decode::<RequestCreated>(Format::Json, &fixture("created_token.json")).unwrap();
    assert_eq!(
        created,
        [RequestCreated {
            token: Some(Token::new("12345")),
            ..RequestCreated::default()
        }]
    );
    let created = decode::<RequestCreated>(Format::Xml, &fixture("created_id.xml")).unwrap();
    assert_eq!(
        created[0].service_request_id,
        Some(ServiceRequestId::new("293944"))
    );
    assert!(
        created[0]
            .service_notice
            .as_deref()
            .unwrap()
            .starts_with("The City will inspect")
    );
    assert_eq!(created[0].account_id, None);
    let answers = decode::<TokenAnswer>(Format::Xml, &fixture("token.xml")).unwrap();
    assert_eq!(
        answers,
        [TokenAnswer {
            token: Some(Token::new("12345")),
            service_request_id: Some(ServiceRequestId::new("638344")),
        }]
    );
}

#[test]
fn lone_items_and_roots_of_other_names() {
    let lone = b"<request><service_request_id>1</service_request_id></request>";
    let requests = decode::<ServiceRequest>(Format::Xml, lone).unwrap();
    assert_eq!(
        requests[0].service_request_id,
        Some(ServiceRequestId::new("1"))
    );
    let renamed = b"<requests><request><token>7</token></request><request/></requests>";
    let answers = decode::<TokenAnswer>(Format::Xml, renamed).unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0].token, Some(Token::new("7")));
    assert_eq!(answers[1], TokenAnswer::default());
    let object = br#"{"service_request_id": 5}"#;
    assert_eq!(
        decode::<TokenAnswer>(Format::Json, object).unwrap().len(),
        1
    );
    let array = br#"[{"service_code": "x", "attributes": []}]"#;
    assert_eq!(
        decode::<ServiceDefinition>(Format::Json, array)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn documents_are_written_in_the_spec_shapes() {
    let service = Service {
        service_code: ServiceCode::new("001"),
        service_name: "Cans left out 24x7".into(),
        keywords: vec!["lorem".into(), "ipsum".into()],
        ..Service::default()
    };
    assert_eq!(
        encode(Format::Json, std::slice::from_ref(&service)),
        r#"[{"service_code":"001","service_name":"Cans left out 24x7","metadata":false,"type":"realtime","keywords":"lorem,ipsum"}]"#
    );
    assert_eq!(
        encode(Format::Xml, &[service]),
        r#"<?xml version="1.0" encoding="utf-8"?><services><service><service_code>001</service_code><service_name>Cans left out 24x7</service_name><metadata>false</metadata><type>realtime</type><keywords>lorem,ipsum</keywords></service></services>"#
    );

    let definition = ServiceDefinition {
        service_code: ServiceCode::new("P"),
        attributes: vec![Attribute {
            code: AttributeCode::new("WHERE"),
            datatype: Datatype::SingleValueList,
            order: Some(1),
            description: "Where?".into(),
            values: vec![AttributeValue {
                key: "1".into(),
                name: "Curb".into(),
            }],
            ..Attribute::default()
        }],
    };
    assert_eq!(
        encode(Format::Xml, std::slice::from_ref(&definition)),
        r#"<?xml version="1.0" encoding="utf-8"?><service_definition><service_code>P</service_code><attributes><attribute><variable>true</variable><code>WHERE</code><datatype>singlevaluelist</datatype><required>false</required><order>1</order><description>Where?</description><values><value><key>1</key><name>Curb</name></value></values></attribute></attributes></service_definition>"#
    );
    assert!(
        encode(Format::Json, &[definition]).starts_with(r#"{"service_code":"P","attributes":[{"#)
    );

    let errors = [ApiError::new("404", "No such service.")];
    assert_eq!(
        encode(Format::Json, &errors),
        r#"[{"code":"404","description":"No such service."}]"#
    );
    assert_eq!(
        encode(Format::Xml, &errors),
        r#"<?xml version="1.0" encoding="utf-8"?><errors><error><code>404</code><description>No such service.</description></error></errors>"#
    );

    let token = [TokenAnswer {
        token: Some(Token::new("12345")),
        service_request_id: Some(ServiceRequestId::new("638344")),
    }];
    assert_eq!(
        encode(Format::Xml, &token),
        r#"<?xml version="1.0" encoding="utf-8"?><service_requests><request><service_request_id>638344</service_request_id><token>12345</token></request></service_requests>"#
    );

    let discovery = [Discovery {
        endpoints: vec![Endpoint {
            endpoint_type: Some("production".into()),
            formats: vec!["text/xml".into()],
            ..Endpoint::default()
        }],
        ..Discovery::default()
    }];
    assert_eq!(
        encode(Format::Xml, &discovery),
        r#"<?xml version="1.0" encoding="utf-8"?><discovery><endpoints><endpoint><type>production</type><formats><format>text/xml</format></formats></endpoint></endpoints></discovery>"#
    );
    assert_eq!(encode::<Discovery>(Format::Json, &[]), "{}");
    assert_eq!(
        encode::<Service>(Format::Xml, &[]),
        r#"<?xml version="1.0" encoding="utf-8"?><services></services>"#
    );
}
