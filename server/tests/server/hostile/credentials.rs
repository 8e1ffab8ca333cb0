//! Missing and wrong API keys, malformed field names, and admin calls without the token.

use open311::{Format, encode_form};

use super::{Part, nothing_stored, post_multipart, refused, report_parts};
use crate::harness::{ADMIN_TOKEN, API_KEY, Server, admin, post_form, send};
use crate::pothole;

const JPEG: &[u8] = include_bytes!("../../fixtures/pothole-64x48.jpg");

#[test]
fn missing_and_wrong_api_keys_are_403() {
    let server = Server::start(&[]);
    let form = |key: Option<&str>| encode_form(&pothole("Key check"), key);
    let upper = API_KEY.to_uppercase();
    let padded = format!("{API_KEY} ");
    let longer = format!("{API_KEY}0");
    let prefix = &API_KEY[..API_KEY.len() - 1];
    let injected = format!("{API_KEY}' OR '1'='1");
    for format in [Format::Json, Format::Xml] {
        let url = server.api(&format!("requests.{}", format.extension()));
        for key in [
            None,
            Some(""),
            Some("wrong-key"),
            Some(upper.as_str()),
            Some(padded.as_str()),
            Some(longer.as_str()),
            Some(prefix),
            Some(injected.as_str()),
            Some(ADMIN_TOKEN),
        ] {
            let errors = refused(post_form(&url, &form(key), &[]), 403, format, "api_key");
            assert_eq!(errors[0].code, "403", "{key:?}");
        }
        // The key belongs in the body or the Authorization header, not in the URL.
        let in_query = format!("{url}?api_key={API_KEY}");
        refused(
            post_form(&in_query, &form(None), &[]),
            403,
            format,
            "api_key",
        );
        for header in ["Bearer wrong-key", "Basic dGVzdDp0ZXN0", "Bearer", API_KEY] {
            let reply = post_form(&url, &form(None), &[("Authorization", header)]);
            refused(reply, 403, format, "api_key");
        }
    }
    // A multipart report with a wrong key keeps none of its photos.
    let mut parts = report_parts("Wrong key with a photo");
    for part in parts.iter_mut() {
        if part.is_named("api_key") {
            *part = Part::text("api_key", "wrong-key");
        }
    }
    parts.push(Part::file(Some("pothole.jpg"), Some("image/jpeg"), JPEG));
    refused(
        post_multipart(&server.api("requests.json"), &parts),
        403,
        Format::Json,
        "api_key",
    );
    nothing_stored(&server);
}

#[test]
fn malformed_field_names_are_400() {
    let server = Server::start(&[]);
    let url = server.api("requests.json");
    let base = format!("api_key={API_KEY}&service_code=pothole_in_street&lat=41.88&long=-87.63");
    for field in [
        "attribute[",
        "attribute[]",
        "attribute[WHEREIS",
        "attribute[WHEREIS]x",
        "attribute[WHEREIS][0]",
        "attribute[[WHEREIS]]",
    ] {
        let form = format!("{base}&{}=curb", urlencode_brackets(field));
        refused(
            post_form(&url, &form, &[]),
            400,
            Format::Json,
            "answers could not be read",
        );
    }
    for form in [
        format!("api_key={API_KEY}&lat=41.88&long=-87.63"),
        format!("api_key={API_KEY}&service_code=&lat=41.88"),
        format!("api_key={API_KEY}&Service_Code=pothole_in_street&lat=41.88&long=-87.63"),
    ] {
        refused(
            post_form(&url, &form, &[]),
            400,
            Format::Json,
            "kind of problem",
        );
    }
    refused(
        post_form(&url, &format!("{base}&lat=north"), &[]),
        400,
        Format::Json,
        "place on the map",
    );
    nothing_stored(&server);
}

fn urlencode_brackets(field: &str) -> String {
    field.replace('[', "%5B").replace(']', "%5D")
}

#[test]
fn admin_calls_without_the_token_change_nothing() {
    let server = Server::start(&[]);
    let notes_before = server.count("SELECT COUNT(*) FROM notes");
    let calls = [
        (
            "POST",
            "/admin/requests/1/notes",
            Some(r#"{"status":"closed"}"#),
        ),
        ("POST", "/admin/faults", Some(r#"{"error_rate":1.0}"#)),
        ("GET", "/admin/faults", None),
        ("DELETE", "/admin/faults", None),
        ("GET", "/admin/nothing", None),
    ];
    let basic = format!("Basic {ADMIN_TOKEN}");
    let api_key = format!("Bearer {API_KEY}");
    let longer = format!("Bearer {ADMIN_TOKEN}x");
    let upper = format!("Bearer {}", ADMIN_TOKEN.to_uppercase());
    for (method, path, body) in calls {
        let body = body.map(|b| b.as_bytes().to_vec());
        let json = ("Content-Type", "application/json");
        let url = server.url(path);
        for headers in [vec![json], vec![json, ("Authorization", basic.as_str())]] {
            let reply = send(method, &url, &headers, body.clone());
            assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
            refused(reply, 401, Format::Json, "admin token is needed");
        }
        // The token in the query string is not accepted either.
        let in_query = format!("{url}?token={ADMIN_TOKEN}&admin_token={ADMIN_TOKEN}");
        refused(
            send(method, &in_query, &[json], body.clone()),
            401,
            Format::Json,
            "admin token",
        );
        for bearer in [&api_key, &longer, &upper] {
            let reply = send(
                method,
                &url,
                &[json, ("Authorization", bearer)],
                body.clone(),
            );
            refused(reply, 403, Format::Json, "admin token is not valid");
        }
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM notes"), notes_before);
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests WHERE status = 'closed' AND id = 1"),
        0
    );
    // No fault was set: the API answers, and the settings are the defaults.
    post_form(
        &server.api("requests.json"),
        &encode_form(&pothole("After admin attempts"), Some(API_KEY)),
        &[],
    )
    .expect(200);
    let faults = admin("GET", &server.url("/admin/faults"), None)
        .expect(200)
        .json();
    assert_eq!(faults["error_rate"], 0.0, "{faults}");
}
