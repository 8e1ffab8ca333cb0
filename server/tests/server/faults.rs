//! Injected faults, as the app's retry logic meets them.

use std::time::{Duration, Instant};

use open311::{Format, RequestCreated, encode_form};

use crate::harness::{API_KEY, SEEDED_REQUESTS, Server, admin, get, post_form, try_send};
use crate::pothole;

fn set_faults(server: &Server, config: &str) {
    admin("POST", &server.url("/admin/faults"), Some(config)).expect(200);
}

fn clear_faults(server: &Server) {
    admin("DELETE", &server.url("/admin/faults"), None).expect(200);
}

#[test]
fn latency_delays_api_answers() {
    let server = Server::start(&[]);
    set_faults(&server, r#"{"latency_ms":400}"#);
    let started = Instant::now();
    get(&server.api("services.json")).expect(200);
    assert!(started.elapsed() >= Duration::from_millis(400));
    clear_faults(&server);
    let started = Instant::now();
    get(&server.api("services.json")).expect(200);
    assert!(started.elapsed() < Duration::from_millis(400));
}

#[test]
fn error_rate_one_fails_every_api_call_before_it_runs() {
    let server = Server::start(&[]);
    set_faults(&server, r#"{"error_rate":1.0}"#);
    for _ in 0..10 {
        let reply = get(&server.api("requests.xml"));
        assert!([500, 503].contains(&reply.status), "{}", reply.status);
        reply.errors(Format::Xml);
    }
    let form = encode_form(&pothole("During an outage"), Some(API_KEY));
    let reply = post_form(&server.api("requests.json"), &form, &[]);
    assert!(reply.status >= 500);
    reply.errors(Format::Json);
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests") as usize,
        SEEDED_REQUESTS
    );
    // The admin routes are not part of the API and keep working.
    admin("GET", &server.url("/admin/faults"), None).expect(200);
    clear_faults(&server);
    get(&server.api("requests.xml")).expect(200);
}

#[test]
fn a_refusal_refuses_every_report_in_the_citys_words_and_stores_none() {
    let server = Server::start(&[]);
    set_faults(
        &server,
        r#"{"refusal":"This address is outside the city."}"#,
    );
    let form = encode_form(&pothole("Outside the city"), Some(API_KEY));
    for format in [Format::Json, Format::Xml] {
        let url = server.api(&format!("requests.{}", format.extension()));
        let errors = post_form(&url, &form, &[]).expect(400).errors(format);
        assert_eq!(errors[0].code, "400");
        assert_eq!(errors[0].description, "This address is outside the city.");
    }
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests") as usize,
        SEEDED_REQUESTS
    );
    clear_faults(&server);
    post_form(&server.api("requests.json"), &form, &[]).expect(200);
}

#[test]
fn rate_limit_answers_429_with_retry_after() {
    let server = Server::start(&[]);
    set_faults(&server, r#"{"rate_limit_per_minute":3}"#);
    for _ in 0..3 {
        get(&server.api("services.json")).expect(200);
    }
    for format in [Format::Json, Format::Xml] {
        let limited = get(&server.api(&format!("services.{}", format.extension()))).expect(429);
        let seconds: u64 = limited.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=60).contains(&seconds), "{seconds}");
        assert_eq!(limited.errors(format)[0].code, "429");
    }
    clear_faults(&server);
    get(&server.api("services.json")).expect(200);
}

#[test]
fn a_dropped_answer_still_files_and_a_retry_finds_it() {
    let server = Server::start(&["--mode", "realtime"]);
    set_faults(&server, r#"{"drop_response_rate":1.0}"#);
    let form = encode_form(&pothole("Answer lost"), Some(API_KEY));
    let key = ("Idempotency-Key", "lost-answer-1");
    let headers = [("Content-Type", open311::FORM_CONTENT_TYPE), key];
    let lost = try_send(
        "POST",
        &server.api("requests.json"),
        &headers,
        Some(form.clone().into_bytes()),
    );
    assert!(
        lost.is_err(),
        "expected a connection error, got status {:?}",
        lost.map(|r| r.status)
    );
    let stored: i64 = server
        .db()
        .query_row(
            "SELECT id FROM requests WHERE description = 'Answer lost'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    // Reads are answered: only POST answers are lost.
    get(&server.api("services.json")).expect(200);

    clear_faults(&server);
    let retried: Vec<RequestCreated> = post_form(&server.api("requests.json"), &form, &[key])
        .expect(200)
        .decode(Format::Json);
    assert_eq!(
        retried[0].service_request_id.as_ref().unwrap().as_str(),
        stored.to_string()
    );
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests WHERE description = 'Answer lost'"),
        1
    );
}

#[test]
fn fault_settings_are_checked() {
    let server = Server::start(&[]);
    let url = server.url("/admin/faults");
    admin("POST", &url, Some(r#"{"error_rate":2}"#)).expect(400);
    admin("POST", &url, Some(r#"{"drip_bytes_per_second":0}"#)).expect(400);
    admin("POST", &url, Some(r#"{"eror_rate":0.5}"#)).expect(400);
    admin("POST", &url, Some("not json")).expect(400);
    let current = admin("GET", &url, None).expect(200).json();
    assert_eq!(current["error_rate"], 0.0);
}

#[test]
fn a_drip_sends_the_same_answer_slowly_after_its_headers() {
    let server = Server::start(&[]);
    let whole = get(&server.api("services.json")).expect(200);
    set_faults(&server, r#"{"drip_bytes_per_second":2000}"#);
    let started = Instant::now();
    let dripped = get(&server.api("services.json")).expect(200);
    // Pieces of 200 bytes, each after a tenth of a second.
    let pieces = whole.body.len().div_ceil(200) as u32;
    assert!(started.elapsed() >= Duration::from_millis(100) * pieces);
    assert_eq!(dripped.body, whole.body);
    assert_eq!(dripped.header("content-length"), None);
    assert_eq!(dripped.header("transfer-encoding"), Some("chunked"));
    clear_faults(&server);
}
