//! SQL metacharacters in every field, parameter and path: stored and answered verbatim,
//! never read as SQL.

use open311::{Answer, AttributeCode, Format, RequestCreated, ServiceRequest, encode_form};

use super::refused;
use crate::harness::{
    API_KEY, SEEDED_REQUESTS, Server, admin, get, path_segment, post_form, urlencode,
};
use crate::pothole;

const NASTY: [&str; 8] = [
    "'; DROP TABLE requests; --",
    "\" OR \"1\"=\"1",
    "x' OR '1'='1' --",
    "100% _sure_ \\ 50%",
    "%_%",
    "Robert'); DELETE FROM photos WHERE ('1'='1",
    "/* c */ UNION SELECT value FROM meta --",
    "`tick` [bracket] $1 ?1 :name @x; <b>&amp;</b>",
];

/// Every column a request keeps from the form, read straight from the database.
fn stored_row(server: &Server, id: &str) -> Vec<Option<String>> {
    server
        .db()
        .query_row(
            "SELECT description, address, address_id, media_url, email, first_name, last_name,
                 phone, device_id, account_id,
                 (SELECT value FROM request_attributes WHERE request_id = r.id AND code = 'MOBILENO')
             FROM requests r WHERE id = ?1",
            [id],
            |row| (0..11).map(|i| row.get(i)).collect(),
        )
        .unwrap()
}

#[test]
fn every_field_keeps_sql_metacharacters_verbatim() {
    let server = Server::start(&["--mode", "realtime"]);
    let mut filed = Vec::new();
    for nasty in NASTY {
        let mut draft = pothole(nasty);
        draft.location.address_string = Some(nasty.into());
        draft.location.address_id = Some(nasty.into());
        draft.media_url = Some(nasty.into());
        draft.contact.email = Some("o'brien+%_--;@example.com".into());
        draft.contact.first_name = Some(nasty.into());
        draft.contact.last_name = Some(nasty.into());
        draft.contact.phone = Some(nasty.into());
        draft.device_id = Some(nasty.into());
        draft.account_id = Some(nasty.into());
        draft
            .attributes
            .insert(AttributeCode::new("MOBILENO"), Answer::Single(nasty.into()));
        let idempotency_key = format!("{}-{}", nasty.replace(' ', "/**/"), filed.len());
        let created: Vec<RequestCreated> = post_form(
            &server.api("requests.json"),
            &encode_form(&draft, Some(API_KEY)),
            &[("Idempotency-Key", &idempotency_key)],
        )
        .expect(200)
        .decode(Format::Json);
        assert_eq!(created[0].account_id.as_deref(), Some(nasty));
        let id = created[0].service_request_id.clone().unwrap().to_string();

        for format in [Format::Json, Format::Xml] {
            let url = server.api(&format!("requests/{id}.{}", format.extension()));
            let read: Vec<ServiceRequest> = get(&url).expect(200).decode(format);
            let read = &read[0];
            for (field, value) in [
                ("description", &read.description),
                ("address", &read.address),
                ("address_id", &read.address_id),
                ("media_url", &read.media_url),
            ] {
                assert_eq!(value.as_deref(), Some(nasty), "{field} in {format}");
            }
        }
        let mut expected = vec![Some(nasty.to_owned()); 11];
        expected[4] = Some("o'brien+%_--;@example.com".into());
        assert_eq!(stored_row(&server, &id), expected);
        filed.push(id);
    }
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests") as usize,
        SEEDED_REQUESTS + NASTY.len()
    );
    assert_eq!(
        server.count("SELECT COUNT(*) FROM idempotency") as usize,
        NASTY.len()
    );

    // A note from the city keeps its text too.
    let note = serde_json::json!({ "summary": NASTY[0], "description": NASTY[5] }).to_string();
    let noted: Vec<ServiceRequest> = admin(
        "POST",
        &server.url(&format!("/admin/requests/{}/notes", filed[0])),
        Some(&note),
    )
    .expect(200)
    .decode(Format::Json);
    let last = noted[0].notes.last().unwrap();
    assert_eq!(
        (last.summary.as_deref(), last.description.as_deref()),
        (Some(NASTY[0]), Some(NASTY[5]))
    );
}

#[test]
fn query_parameters_and_paths_are_never_sql() {
    let server = Server::start(&[]);
    let list = |query: &str| -> Vec<ServiceRequest> {
        get(&server.api(&format!("requests.json?{query}")))
            .expect(200)
            .decode(Format::Json)
    };
    let potholes = list("service_code=pothole_in_street").len();
    assert!(potholes > 0 && potholes < SEEDED_REQUESTS);
    for nasty in NASTY {
        let value = urlencode(nasty);
        assert_eq!(list(&format!("service_code={value}")), []);
        assert_eq!(
            list(&format!("service_code=pothole_in_street,{value}")).len(),
            potholes
        );
        assert_eq!(list(&format!("service_request_id=1,{value}")).len(), 1);
        assert_eq!(list(&format!("service_request_id={value}")), []);
        for name in [
            "status",
            "start_date",
            "updated_after",
            "page",
            "page_size",
            "radius",
        ] {
            let url = server.api(&format!(
                "requests.json?lat=41.88&long=-87.63&{name}={value}"
            ));
            refused(get(&url), 400, Format::Json, name);
        }
        refused(
            get(&server.api(&format!("services.xml?jurisdiction_id={value}"))),
            404,
            Format::Xml,
            nasty,
        );
        let segment = path_segment(nasty);
        for path in ["requests", "tokens", "services"] {
            let url = server.api(&format!("{path}/{segment}.json"));
            refused(get(&url), 404, Format::Json, nasty);
        }
        let mut draft = pothole("Nasty service code");
        draft.service_code = open311::ServiceCode::new(nasty);
        let reply = post_form(
            &server.api("requests.json"),
            &encode_form(&draft, Some(API_KEY)),
            &[],
        );
        refused(reply, 404, Format::Json, nasty);
    }
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests") as usize,
        SEEDED_REQUESTS
    );
    assert_eq!(list("").len(), SEEDED_REQUESTS);
}
