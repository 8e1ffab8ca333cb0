//! Photo uploads: checked by content, stored, listed and served back.

use open311::{
    Format, MediaPart, RequestCreated, ServiceRequest, encode_multipart, multipart_content_type,
};

use crate::harness::{API_KEY, Reply, Server, get, send};
use crate::pothole;

const JPEG: &[u8] = include_bytes!("../fixtures/pothole-64x48.jpg");
const PNG: &[u8] = include_bytes!("../fixtures/sign-20x10.png");
const WEBP: &[u8] = include_bytes!("../fixtures/curb-32x24.webp");
const BOUNDARY: &str = "report311-test-boundary-6b1d";

fn part(file_name: &str, content_type: &str, bytes: &[u8]) -> MediaPart {
    MediaPart {
        file_name: file_name.into(),
        content_type: content_type.into(),
        bytes: bytes.to_vec(),
    }
}

fn post_multipart(
    url: &str,
    description: &str,
    media: &[MediaPart],
    headers: &[(&str, &str)],
) -> Reply {
    let body = encode_multipart(&pothole(description), Some(API_KEY), media, BOUNDARY);
    let content_type = multipart_content_type(BOUNDARY);
    let mut all = vec![("Content-Type", content_type.as_str())];
    all.extend_from_slice(headers);
    send("POST", url, &all, Some(body))
}

#[test]
fn photos_are_stored_listed_and_served() {
    let server = Server::start(&["--mode", "realtime"]);
    let media = [
        part("IMG_0001.jpg", "image/jpeg", JPEG),
        part("sign.png", "image/png", PNG),
        part("curb.webp", "image/webp", WEBP),
    ];
    let created: Vec<RequestCreated> =
        post_multipart(&server.api("requests.json"), "With photos", &media, &[])
            .expect(200)
            .decode(Format::Json);
    let id = created[0].service_request_id.clone().unwrap();

    for format in [Format::Json, Format::Xml] {
        let url = server.api(&format!(
            "requests/{id}.{}?extensions=true",
            format.extension()
        ));
        let request: Vec<ServiceRequest> = get(&url).expect(200).decode(format);
        let photos = &request[0].extended_attributes.as_ref().unwrap().photos;
        let sizes: Vec<_> = photos.iter().map(|p| (p.width, p.height)).collect();
        assert_eq!(
            sizes,
            [
                (Some(64), Some(48)),
                (Some(20), Some(10)),
                (Some(32), Some(24))
            ]
        );
        assert_eq!(
            request[0].media_url.as_deref(),
            Some(photos[0].media_url.as_str())
        );
        let media_prefix = format!("{}/media/", server.base);
        assert!(
            photos
                .iter()
                .all(|p| p.media_url.starts_with(&media_prefix)),
            "{photos:?}"
        );
        assert!(photos[0].media_url.ends_with(".jpg") && photos[2].media_url.ends_with(".webp"));

        for (photo, (bytes, content_type)) in photos.iter().zip([
            (JPEG, "image/jpeg"),
            (PNG, "image/png"),
            (WEBP, "image/webp"),
        ]) {
            let served = get(&photo.media_url).expect(200);
            assert_eq!(served.body, bytes);
            assert_eq!(served.header("content-type"), Some(content_type));
            assert_eq!(served.header("x-content-type-options"), Some("nosniff"));
        }
    }
    // Without extensions the first photo is still the media_url.
    let plain: Vec<ServiceRequest> = get(&server.api(&format!("requests/{id}.json")))
        .expect(200)
        .decode(Format::Json);
    assert!(plain[0].media_url.as_deref().unwrap().ends_with(".jpg"));
    assert_eq!(server.media_files().len(), 3);
    get(&server.url("/media/../open311.sqlite")).expect(404);
    get(&server.url(&format!("/media/{}.jpg", "0".repeat(32)))).expect(404);
}

#[test]
fn files_that_are_not_images_are_refused_whatever_their_name() {
    let server = Server::start(&[]);
    let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    for format in [Format::Json, Format::Xml] {
        let url = server.api(&format!("requests.{}", format.extension()));
        let media = [part("pothole.jpg", "image/jpeg", pdf)];
        let errors = post_multipart(&url, "PDF", &media, &[])
            .expect(400)
            .errors(format);
        assert!(
            errors[0].description.contains("not a JPEG, PNG or WebP"),
            "{errors:?}"
        );
    }
    // A truncated JPEG has the magic bytes but no readable size.
    let media = [
        part("ok.png", "image/png", PNG),
        part("cut.jpg", "image/jpeg", &JPEG[..4]),
    ];
    let errors = post_multipart(&server.api("requests.json"), "Cut", &media, &[])
        .expect(400)
        .errors(Format::Json);
    assert!(errors[0].description.contains("Photo 2"), "{errors:?}");
    let six: Vec<_> = (0..6)
        .map(|n| part(&format!("{n}.png"), "image/png", PNG))
        .collect();
    post_multipart(&server.api("requests.json"), "Six", &six, &[]).expect(400);
    let huge = [part(
        "huge.jpg",
        "image/jpeg",
        &[JPEG, &vec![0u8; 10 << 20]].concat(),
    )];
    post_multipart(&server.api("requests.json"), "Huge", &huge, &[]).expect(400);
    assert_eq!(server.media_files().len(), 0);
    assert_eq!(server.count("SELECT COUNT(*) FROM photos"), 0);
}

#[test]
fn a_retried_upload_keeps_one_copy() {
    let server = Server::start(&[]);
    let media = [part("IMG_0002.jpg", "image/jpeg", JPEG)];
    let key = [("Idempotency-Key", "upload-1")];
    let first =
        post_multipart(&server.api("requests.json"), "Retried upload", &media, &key).expect(200);
    let second =
        post_multipart(&server.api("requests.json"), "Retried upload", &media, &key).expect(200);
    assert_eq!(first.body, second.body);
    assert_eq!(server.media_files().len(), 1);
    // Another photo is another report.
    let other = [part("IMG_0003.png", "image/png", PNG)];
    post_multipart(&server.api("requests.json"), "Retried upload", &other, &key).expect(422);
    assert_eq!(server.media_files().len(), 1);
}

#[test]
fn a_form_post_without_photos_keeps_its_media_url() {
    let server = Server::start(&["--mode", "realtime"]);
    let mut draft = pothole("Linked photo");
    draft.media_url = Some("https://photos.example.org/p/123.jpg".into());
    let body = open311::encode_form(&draft, Some(API_KEY));
    let created: Vec<RequestCreated> =
        crate::harness::post_form(&server.api("requests.json"), &body, &[])
            .expect(200)
            .decode(Format::Json);
    let id = created[0].service_request_id.clone().unwrap();
    let filed: Vec<ServiceRequest> = get(&server.api(&format!("requests/{id}.json")))
        .expect(200)
        .decode(Format::Json);
    assert_eq!(filed[0].media_url, draft.media_url);
}
