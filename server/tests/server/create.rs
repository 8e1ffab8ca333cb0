//! Filing requests: answers in both modes, every refusal, idempotency, concurrency.

use std::collections::BTreeSet;
use std::thread;
use std::time::{Duration, Instant};

use open311::{Format, NoteType, RequestCreated, ServiceRequest, Status, TokenAnswer, encode_form};

use crate::harness::{API_KEY, SEEDED_REQUESTS, Server, get, post_form};
use crate::pothole;

fn form(description: &str) -> String {
    encode_form(&pothole(description), Some(API_KEY))
}

#[test]
fn token_mode_answers_a_token_that_yields_the_id_after_the_delay() {
    let server = Server::start(&["--token-delay-ms", "1500"]);
    for format in [Format::Json, Format::Xml] {
        let ext = format.extension();
        let started = Instant::now();
        let created: Vec<RequestCreated> = post_form(
            &server.api(&format!("requests.{ext}")),
            &form("Token mode"),
            &[],
        )
        .expect(200)
        .decode(format);
        let token = created[0].token.clone().expect("a token");
        assert_eq!(
            created[0].service_request_id, None,
            "a token and never both"
        );
        assert!(
            created[0]
                .service_notice
                .as_deref()
                .unwrap()
                .contains("7 days")
        );

        let url = server.api(&format!("tokens/{token}.{ext}"));
        let pending: Vec<TokenAnswer> = get(&url).expect(200).decode(format);
        assert!(
            started.elapsed() < Duration::from_millis(1500),
            "checked before the delay"
        );
        assert_eq!(pending[0].token.as_ref(), Some(&token));
        assert_eq!(pending[0].service_request_id, None);

        thread::sleep(
            Duration::from_millis(1500).saturating_sub(started.elapsed())
                + Duration::from_millis(50),
        );
        let assigned: Vec<TokenAnswer> = get(&url).expect(200).decode(format);
        let id = assigned[0]
            .service_request_id
            .clone()
            .expect("an id after the delay");
        let filed: Vec<ServiceRequest> =
            get(&server.api(&format!("requests/{id}.{ext}?extensions=true")))
                .expect(200)
                .decode(format);
        assert_eq!(filed[0].status, Some(Status::Open));
        assert_eq!(filed[0].description.as_deref(), Some("Token mode"));
        assert_eq!(
            filed[0].agency_responsible.as_deref(),
            Some("Chicago Department of Transportation")
        );
        let notes: Vec<_> = filed[0].notes.iter().map(|n| n.note_type.clone()).collect();
        assert_eq!(notes, [NoteType::Opened]);
        assert_eq!(
            filed[0]
                .extended_attributes
                .as_ref()
                .unwrap()
                .channel
                .as_deref(),
            Some("open311")
        );
    }
    get(&server.api("tokens/0123456789abcdef.json"))
        .expect(404)
        .errors(Format::Json);
}

#[test]
fn token_mode_without_delay_assigns_at_once() {
    let server = Server::start(&[]);
    let created: Vec<RequestCreated> =
        post_form(&server.api("requests.json"), &form("No delay"), &[])
            .expect(200)
            .decode(Format::Json);
    let token = created[0].token.clone().unwrap();
    let answer: Vec<TokenAnswer> = get(&server.api(&format!("tokens/{token}.json")))
        .expect(200)
        .decode(Format::Json);
    assert!(answer[0].service_request_id.is_some());
}

#[test]
fn realtime_mode_answers_the_id() {
    let server = Server::start(&["--mode", "realtime"]);
    for format in [Format::Json, Format::Xml] {
        let url = server.api(&format!("requests.{}", format.extension()));
        let created: Vec<RequestCreated> = post_form(&url, &form("Realtime"), &[])
            .expect(200)
            .decode(format);
        assert_eq!(created[0].token, None);
        let id = created[0].service_request_id.clone().expect("an id");
        let filed: Vec<ServiceRequest> = get(&server.api(&format!("requests/{id}.json")))
            .expect(200)
            .decode(Format::Json);
        assert_eq!(filed[0].description.as_deref(), Some("Realtime"));
    }
}

#[test]
fn the_api_key_is_required() {
    let server = Server::start(&[]);
    let draft = pothole("No key");
    for format in [Format::Json, Format::Xml] {
        let url = server.api(&format!("requests.{}", format.extension()));
        let missing = post_form(&url, &encode_form(&draft, None), &[]).expect(403);
        assert_eq!(missing.errors(format)[0].code, "403");
        post_form(&url, &encode_form(&draft, Some("wrong-key")), &[])
            .expect(403)
            .errors(format);
        let bearer = format!("Bearer {API_KEY}");
        post_form(
            &url,
            &encode_form(&draft, None),
            &[("Authorization", &bearer)],
        )
        .expect(200);
    }
    let stored = server.count("SELECT COUNT(*) FROM requests") as usize;
    assert_eq!(stored, SEEDED_REQUESTS + 2);
}

#[test]
fn invalid_requests_list_every_problem() {
    let server = Server::start(&[]);
    let mut draft = pothole("");
    draft.location = Default::default();
    draft.contact.email = Some("not an email".into());
    draft.attributes.insert(
        open311::AttributeCode::new("WHEREIS"),
        open311::Answer::Single("sidewalk".into()),
    );
    draft.description = Some("x".repeat(4001));
    for format in [Format::Json, Format::Xml] {
        let url = server.api(&format!("requests.{}", format.extension()));
        let errors = post_form(&url, &encode_form(&draft, Some(API_KEY)), &[])
            .expect(400)
            .errors(format);
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors.iter().any(|e| e.code == "WHEREIS"));
        assert!(errors.iter().all(|e| !e.description.is_empty()));
    }
    // Without service_code the body itself is unusable.
    let errors = post_form(
        &server.api("requests.json"),
        &format!("api_key={API_KEY}&lat=41.8&long=-87.6"),
        &[],
    )
    .expect(400)
    .errors(Format::Json);
    assert_eq!(errors.len(), 1);
    let wrong_type = crate::harness::send(
        "POST",
        &server.api("requests.json"),
        &[("Content-Type", "application/json")],
        Some(b"{}".to_vec()),
    );
    assert_eq!(wrong_type.status, 400);
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests") as usize,
        SEEDED_REQUESTS
    );
}

#[test]
fn unknown_services_and_jurisdictions_are_404() {
    let server = Server::start(&[]);
    let mut draft = pothole("Unknown service");
    draft.service_code = open311::ServiceCode::new("snow_removal");
    let reply = post_form(
        &server.api("requests.xml"),
        &encode_form(&draft, Some(API_KEY)),
        &[],
    )
    .expect(404);
    assert!(
        reply.errors(Format::Xml)[0]
            .description
            .contains("snow_removal")
    );
    let mut draft = pothole("Unknown city");
    draft.jurisdiction_id = Some(open311::JurisdictionId::new("springfield.gov"));
    post_form(
        &server.api("requests.json"),
        &encode_form(&draft, Some(API_KEY)),
        &[],
    )
    .expect(404);
    draft.jurisdiction_id = Some(open311::JurisdictionId::new(crate::harness::JURISDICTION));
    post_form(
        &server.api("requests.json"),
        &encode_form(&draft, Some(API_KEY)),
        &[],
    )
    .expect(200);
    post_form(&server.api("services.json"), &form("Wrong resource"), &[]).expect(404);
}

#[test]
fn an_idempotency_key_files_once() {
    let server = Server::start(&[]);
    let url = server.api("requests.json");
    let key = [("Idempotency-Key", "report-7f3a")];
    let first: Vec<RequestCreated> = post_form(&url, &form("Retried"), &key)
        .expect(200)
        .decode(Format::Json);
    // The same report, with its fields in another order and the key as a bearer token.
    let reordered = "attribute%5BWHEREIS%5D=curb&description=Retried&service_code=pothole_in_street\
        &address_string=121+N+LaSalle+St%2C+Chicago%2C+IL&long=-87.63&lat=41.88";
    let bearer = format!("Bearer {API_KEY}");
    let second: Vec<RequestCreated> =
        post_form(&url, reordered, &[key[0], ("Authorization", &bearer)])
            .expect(200)
            .decode(Format::Json);
    assert_eq!(first, second);
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests WHERE description = 'Retried'"),
        1
    );

    let conflict = post_form(&url, &form("Something else"), &key).expect(422);
    assert_eq!(conflict.errors(Format::Json)[0].code, "422");
    let conflict =
        post_form(&server.api("requests.xml"), &form("Something else"), &key).expect(422);
    conflict.errors(Format::Xml);
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests") as usize,
        SEEDED_REQUESTS + 1
    );

    post_form(&url, &form("Bad key"), &[("Idempotency-Key", "")]).expect(400);
}

#[test]
fn two_hundred_concurrent_posts_each_land_once() {
    let server = Server::start(&[]);
    let url = server.api("requests.json");
    let tokens: Vec<String> = thread::scope(|scope| {
        let workers: Vec<_> = (0..32)
            .map(|worker| {
                let url = &url;
                scope.spawn(move || {
                    (worker..200)
                        .step_by(32)
                        .map(|n| {
                            let key = format!("concurrent-{n}");
                            let created: Vec<RequestCreated> = post_form(
                                url,
                                &form(&format!("Concurrent {n}")),
                                &[("Idempotency-Key", &key)],
                            )
                            .expect(200)
                            .decode(Format::Json);
                            created[0].token.clone().unwrap().to_string()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    assert_eq!(tokens.len(), 200);
    assert_eq!(tokens.iter().collect::<BTreeSet<_>>().len(), 200);
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests WHERE description LIKE 'Concurrent %'"),
        200
    );
    assert_eq!(
        server.count(
            "SELECT COUNT(DISTINCT description) FROM requests WHERE description LIKE 'Concurrent %'"
        ),
        200
    );
    assert_eq!(server.count("SELECT COUNT(*) FROM idempotency"), 200);
}

#[test]
fn identical_posts_racing_store_one_request() {
    let server = Server::start(&[]);
    let url = server.api("requests.json");
    let answers: Vec<Vec<RequestCreated>> = thread::scope(|scope| {
        let racers: Vec<_> = (0..16)
            .map(|_| {
                scope.spawn(|| {
                    post_form(&url, &form("Raced"), &[("Idempotency-Key", "same-key")])
                        .expect(200)
                        .decode(Format::Json)
                })
            })
            .collect();
        racers.into_iter().map(|r| r.join().unwrap()).collect()
    });
    assert!(answers.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests WHERE description = 'Raced'"),
        1
    );
}
