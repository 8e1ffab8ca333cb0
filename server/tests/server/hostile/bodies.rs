//! Bodies too large or in too many pieces.

use open311::Format;

use super::{Part, nothing_stored, post_multipart, refused, report_parts};
use crate::harness::{API_KEY, Server, announce, post_form, send};

const JPEG: &[u8] = include_bytes!("../../fixtures/pothole-64x48.jpg");

#[test]
fn oversized_bodies_are_refused() {
    let server = Server::start(&[]);
    let url = server.api("requests.json");
    // Announced too large: refused before the body is sent.
    for (content_type, length) in [
        (open311::FORM_CONTENT_TYPE, (1 << 20) + 1),
        (
            "multipart/form-data; boundary=b",
            5 * (10 << 20) + (1 << 20) + 1,
        ),
    ] {
        let length = length.to_string();
        let headers = [("Content-Type", content_type), ("Content-Length", &length)];
        refused(announce(&url, &headers), 400, Format::Json, "too large");
    }
    // Sent too large all the same, or without saying how large.
    let form = format!(
        "api_key={API_KEY}&service_code=pothole_in_street&lat=41.88&long=-87.63&description={}",
        "x".repeat(1 << 20)
    );
    let chunked = send(
        "POST",
        &url,
        &[
            ("Content-Type", open311::FORM_CONTENT_TYPE),
            ("Transfer-Encoding", "chunked"),
        ],
        Some(form.into_bytes()),
    );
    refused(chunked, 400, Format::Json, "too large");
    // Text parts of a multipart body share the same 1 MB.
    let mut parts = report_parts("Long text");
    parts.push(Part::text("attribute[MOBILENO]", &"5".repeat(600 << 10)));
    parts.push(Part::text("attribute[EXPRESSWAY]", &"E".repeat(600 << 10)));
    refused(
        post_multipart(&url, &parts),
        400,
        Format::Json,
        "text fields together are larger than 1 MB",
    );
    // A photo past 10 MB, then a whole body past what five photos may weigh.
    let mut parts = report_parts("Huge photo");
    parts.push(Part::file(
        Some("huge.jpg"),
        Some("image/jpeg"),
        &[JPEG, &vec![0u8; 10 << 20]].concat(),
    ));
    refused(
        post_multipart(&server.api("requests.xml"), &parts),
        400,
        Format::Xml,
        "larger than 10 MB",
    );
    nothing_stored(&server);
}

#[test]
fn too_many_fields_or_parts_are_refused() {
    let server = Server::start(&[]);
    let url = server.api("requests.json");
    let form = format!(
        "api_key={API_KEY}&service_code=pothole_in_street&lat=41.88&long=-87.63{}",
        "&attribute[MOBILENO][]=1".repeat(500)
    );
    refused(
        post_form(&url, &form, &[]),
        400,
        Format::Json,
        "more than 500 fields",
    );
    let mut parts = report_parts("Many parts");
    parts.extend((0..500).map(|_| Part::text("unknown", "1")));
    refused(
        post_multipart(&url, &parts),
        400,
        Format::Json,
        "more than 500 fields",
    );
    // Empty file parts are what a form with no file chosen sends; they still count.
    let mut parts = report_parts("Many empty files");
    parts.extend((0..500).map(|_| Part::file(Some(""), Some("application/octet-stream"), b"")));
    refused(
        post_multipart(&url, &parts),
        400,
        Format::Json,
        "more than 500 fields",
    );
    let mut parts = report_parts("Six photos");
    parts.extend((0..6).map(|n| Part::file(Some(&format!("{n}.jpg")), None, JPEG)));
    refused(
        post_multipart(&url, &parts),
        400,
        Format::Json,
        "At most 5 photos",
    );
    nothing_stored(&server);
    // Just under every limit is fine.
    let mut parts = report_parts("Within limits");
    parts.extend((0..480).map(|_| Part::text("unknown", "1")));
    parts.extend((0..5).map(|n| Part::file(Some(&format!("{n}.jpg")), None, JPEG)));
    post_multipart(&url, &parts).expect(200);
    assert_eq!(server.media_files().len(), 5);
}

#[test]
fn bodies_that_are_not_forms_are_refused() {
    let server = Server::start(&[]);
    let url = server.api("requests.json");
    let post = |content_type: &str, body: &[u8]| {
        send(
            "POST",
            &url,
            &[("Content-Type", content_type)],
            Some(body.to_vec()),
        )
    };
    refused(
        post(
            "application/json",
            br#"{"service_code":"pothole_in_street"}"#,
        ),
        400,
        Format::Json,
        "application/x-www-form-urlencoded or multipart/form-data",
    );
    refused(
        post(
            "application/x-www-form-urlencoded",
            b"service_code=pothole_in_street&description=\xff\xfe",
        ),
        400,
        Format::Json,
        "not UTF-8",
    );
    // A multipart type without a boundary, a body that never closes, a part with no end.
    refused(
        post("multipart/form-data", b"--x\r\n\r\n"),
        400,
        Format::Json,
        "could not be read",
    );
    refused(
        post(
            "multipart/form-data; boundary=b",
            b"--b\r\nContent-Disposition: form-data; name=\"service_code\"\r\n\r\npothole",
        ),
        400,
        Format::Json,
        "could not be read",
    );
    nothing_stored(&server);
}
