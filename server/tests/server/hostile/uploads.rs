//! Uploads that lie: names that are paths, types that are not the content's.

use open311::{Format, RequestCreated, ServiceRequest};

use super::{Part, nothing_stored, post_multipart, refused, report_parts};
use crate::harness::{Server, get};

const JPEG: &[u8] = include_bytes!("../../fixtures/pothole-64x48.jpg");
const PNG: &[u8] = include_bytes!("../../fixtures/sign-20x10.png");
const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn with_file(description: &str, file: Part) -> Vec<Part> {
    let mut parts = report_parts(description);
    parts.push(file);
    parts
}

#[test]
fn file_names_that_are_paths_are_refused() {
    let server = Server::start(&[]);
    let long = format!("{}.jpg", "a".repeat(300));
    for name in [
        "../../etc/passwd",
        "../../../../tmp/pwned.jpg",
        "/etc/passwd",
        "/tmp/pwned.jpg",
        "..\\..\\pwned.jpg",
        "C:\\Users\\x\\pwned.jpg",
        "photos/pothole.jpg",
        "pot\thole.jpg",
        "..",
        &long,
    ] {
        let parts = with_file(
            "Crafted name",
            Part::file(Some(name), Some("image/jpeg"), JPEG),
        );
        for format in [Format::Json, Format::Xml] {
            let url = server.api(&format!("requests.{}", format.extension()));
            refused(post_multipart(&url, &parts), 400, format, "plain name");
        }
    }
    // A NUL cannot even be carried in a part's header.
    let parts = with_file(
        "NUL",
        Part::file(Some("pot\0hole.jpg"), Some("image/jpeg"), JPEG),
    );
    refused(
        post_multipart(&server.api("requests.json"), &parts),
        400,
        Format::Json,
        "could not be read",
    );
    nothing_stored(&server);
    let outside = server.data.parent().unwrap();
    assert!(!outside.join("pwned.jpg").exists() && !server.data.join("pwned.jpg").exists());
}

#[test]
fn stored_names_are_the_servers_own() {
    let server = Server::start(&["--mode", "realtime"]);
    let name = "IMG_0001 (copy) é.jpeg";
    let parts = with_file(
        "Plain name",
        Part::file(Some(name), Some("image/jpeg"), JPEG),
    );
    let created: Vec<RequestCreated> = post_multipart(&server.api("requests.json"), &parts)
        .expect(200)
        .decode(Format::Json);
    let files = server.media_files();
    assert_eq!(files.len(), 1);
    let (stem, extension) = files[0].split_once('.').unwrap();
    assert!(stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(extension, "jpg");
    let id = created[0].service_request_id.clone().unwrap();
    let request: Vec<ServiceRequest> = get(&server.api(&format!("requests/{id}.json")))
        .expect(200)
        .decode(Format::Json);
    let url = request[0].media_url.clone().unwrap();
    assert!(url.ends_with(&files[0]) && !url.contains("IMG"), "{url}");
}

#[test]
fn content_that_lies_about_its_type_is_refused() {
    let server = Server::start(&[]);
    let url = server.api("requests.json");
    let cases: [(Part, &str); 8] = [
        // Not an image at all, whatever it says.
        (
            Part::file(Some("pothole.jpg"), Some("image/jpeg"), b"just some text"),
            "Photo 1 is not a JPEG, PNG or WebP image",
        ),
        (
            Part::file(Some("pothole.jpg"), Some("image/jpeg"), PDF),
            "Photo 1 is not a JPEG, PNG or WebP image",
        ),
        (
            Part::file(
                Some("sign.png"),
                Some("image/png"),
                b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            ),
            "Photo 1 is not a JPEG, PNG or WebP image",
        ),
        // An image, but not the one it says.
        (
            Part::file(Some("sign.jpg"), Some("image/png"), PNG),
            "Photo 1 is a PNG image but its file name says another type",
        ),
        (
            Part::file(Some("sign.png"), Some("image/jpeg"), PNG),
            "Photo 1 is a PNG image but was sent declared as another type",
        ),
        (
            Part::file(Some("pothole.jpg"), Some("text/html"), JPEG),
            "Photo 1 is a JPEG image but was sent declared as another type",
        ),
        (
            Part::file(Some("pothole.pdf"), None, JPEG),
            "Photo 1 is a JPEG image but its file name says another type",
        ),
        // The magic bytes of an image, then something else.
        (
            Part::file(Some("sign.png"), Some("image/png"), &PNG[..8]),
            "Photo 1 looks like an image but could not be read",
        ),
    ];
    for (file, says) in cases {
        refused(
            post_multipart(&url, &with_file("Lying file", file)),
            400,
            Format::Json,
            says,
        );
    }
    nothing_stored(&server);
    // Saying nothing, or only that it is bytes, is no lie.
    for file in [
        Part::file(None, None, PNG),
        Part::file(Some("sign"), Some("application/octet-stream"), PNG),
        Part::file(Some("sign.PNG"), Some("image/png; charset=binary"), PNG),
    ] {
        post_multipart(&url, &with_file("Honest file", file)).expect(200);
    }
    assert_eq!(server.media_files().len(), 3);
}
