//! Starting, stopping, restarting, and keeping credentials out of the output.

use open311::{Format, RequestCreated, ServiceRequest, encode_form};
use tempfile::TempDir;

use crate::harness::{
    ADMIN_TOKEN, API_KEY, SEEDED_REQUESTS, Server, admin, get, post_form, with_credentials,
};
use crate::pothole;

#[test]
fn data_survives_a_restart_without_reseeding() {
    let data = TempDir::new().unwrap();
    let args = with_credentials(&["--mode", "realtime"]);
    let server = Server::start_in(data.path(), &args);
    let form = encode_form(&pothole("Before restart"), Some(API_KEY));
    let created: Vec<RequestCreated> = post_form(&server.api("requests.json"), &form, &[])
        .expect(200)
        .decode(Format::Json);
    let id = created[0].service_request_id.clone().unwrap();
    let stopped = server.stop();
    assert!(
        stopped.status.success(),
        "clean exit on SIGTERM: {:?}\n{}",
        stopped.status,
        stopped.stderr
    );

    let server = Server::start_in(data.path(), &args);
    let found: Vec<ServiceRequest> = get(&server.api(&format!("requests/{id}.json")))
        .expect(200)
        .decode(Format::Json);
    assert_eq!(found[0].description.as_deref(), Some("Before restart"));
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests") as usize,
        SEEDED_REQUESTS + 1
    );
    assert_eq!(server.count("SELECT COUNT(*) FROM services"), 14);
    let all: Vec<ServiceRequest> = get(&server.api("requests.json"))
        .expect(200)
        .decode(Format::Json);
    assert_eq!(all.len(), SEEDED_REQUESTS + 1);
    assert!(server.stop().status.success());
}

#[test]
fn the_listening_line_is_all_of_stdout() {
    let server = Server::start(&[]);
    get(&server.api("services.json")).expect(200);
    let stopped = server.stop();
    let lines: Vec<_> = stopped.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("open311-server listening on http://127.0.0.1:"));
    assert!(
        stopped.stderr.contains("/open311/v2/services.json"),
        "requests are logged"
    );
}

#[test]
fn given_credentials_are_never_printed() {
    let server = Server::start(&[]);
    let form = encode_form(&pothole("Secret check"), Some(API_KEY));
    post_form(&server.api("requests.json"), &form, &[]).expect(200);
    get(&server.api(&format!("requests.json?api_key={API_KEY}&status=open"))).expect(200);
    let bearer = format!("Bearer {API_KEY}");
    post_form(
        &server.api("requests.json"),
        &encode_form(&pothole("Bearer"), None),
        &[("Authorization", &bearer)],
    )
    .expect(200);
    admin("POST", &server.url("/admin/faults"), Some("{}")).expect(200);
    let stopped = server.stop();
    let output = format!("{}{}", stopped.stdout, stopped.stderr);
    assert!(
        output.contains("status=open"),
        "the query is logged without the key: {output}"
    );
    assert!(!output.contains(API_KEY), "{output}");
    assert!(!output.contains(ADMIN_TOKEN), "{output}");
}

/// Every byte as `%XX`: a credential hidden from a plain text search.
fn percent_encoded(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[test]
fn credentials_put_in_urls_stay_out_of_the_log() {
    let server = Server::start(&[]);
    let (key, token) = (percent_encoded(API_KEY), percent_encoded(ADMIN_TOKEN));
    let api = |path: &str| server.api(path);
    for (url, status) in [
        (
            api(&format!(
                "requests.json?admin_token={ADMIN_TOKEN}&status=open"
            )),
            200,
        ),
        (api(&format!("requests.json?key={API_KEY}")), 200),
        (api(&format!("requests.json?q={key}&page=1")), 200),
        (api(&format!("services.json?{ADMIN_TOKEN}")), 200),
        (api(&format!("requests/{ADMIN_TOKEN}.json")), 404),
        (api(&format!("tokens/{key}.xml")), 404),
        (api(&format!("services/{token}.json")), 404),
        (
            server.url(&format!("/admin/faults?token={ADMIN_TOKEN}")),
            401,
        ),
        (server.url(&format!("/media/{API_KEY}.jpg")), 404),
    ] {
        get(&url).expect(status);
    }
    let stopped = server.stop();
    let output = format!("{}{}", stopped.stdout, stopped.stderr);
    for secret in [API_KEY, ADMIN_TOKEN, &key, &token] {
        assert!(!output.contains(secret), "{secret} in {output}");
    }
    assert!(output.contains("[redacted]&status=open"), "{output}");
    assert!(output.contains("[redacted]&page=1"), "{output}");
    assert!(
        output.contains("/open311/v2/requests/[redacted]"),
        "{output}"
    );
}

#[test]
fn missing_credentials_are_generated_and_shown_once() {
    let data = TempDir::new().unwrap();
    let server = Server::start_in(data.path(), &[]);
    // The generated values are printed before the listening line, so they are there now.
    std::thread::sleep(std::time::Duration::from_millis(100));
    let stopped_early = {
        let form = |key: &str| encode_form(&pothole("Generated key"), Some(key));
        post_form(&server.api("requests.json"), &form("guess"), &[]).expect(403);
        server.stop()
    };
    let generated = |what: &str| -> String {
        let line = stopped_early
            .stderr
            .lines()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("{what} shown: {}", stopped_early.stderr));
        line.rsplit(' ').next().unwrap().to_owned()
    };
    let (key, token) = (generated("API key"), generated("admin token"));
    assert!(key.len() >= 16 && token.len() >= 16 && key != token);
    assert_eq!(stopped_early.stderr.matches(&key).count(), 1, "shown once");

    let server = Server::start_in(data.path(), &["--api-key".into(), key.clone()]);
    let form = encode_form(&pothole("Generated key"), Some(&key));
    post_form(&server.api("requests.json"), &form, &[]).expect(200);
}
