//! Hostile input: every refusal comes with its status and the spec's error array, and leaves
//! nothing behind in the database or the photo directory.

mod bodies;
mod credentials;
mod injection;
mod uploads;

use open311::{ApiError, Format, encode_form, multipart_content_type};

use crate::harness::{API_KEY, Reply, SEEDED_REQUESTS, Server, send};
use crate::pothole;

const BOUNDARY: &str = "hostile-boundary-41c7";

/// One part of a hand-made multipart body: header lines and content, sent as they are.
pub struct Part {
    headers: String,
    content: Vec<u8>,
}

impl Part {
    pub fn text(name: &str, value: &str) -> Part {
        Part {
            headers: format!("Content-Disposition: form-data; name=\"{name}\""),
            content: value.as_bytes().to_vec(),
        }
    }

    /// A `media` part; `None` leaves the header or parameter out.
    pub fn file(file_name: Option<&str>, content_type: Option<&str>, bytes: &[u8]) -> Part {
        let mut headers = String::from("Content-Disposition: form-data; name=\"media\"");
        if let Some(file_name) = file_name {
            headers.push_str(&format!("; filename=\"{file_name}\""));
        }
        if let Some(content_type) = content_type {
            headers.push_str(&format!("\r\nContent-Type: {content_type}"));
        }
        Part {
            headers,
            content: bytes.to_vec(),
        }
    }
}

impl Part {
    pub fn is_named(&self, name: &str) -> bool {
        self.headers.ends_with(&format!("; name=\"{name}\""))
    }
}

/// The text parts of a valid pothole report with the test key.
pub fn report_parts(description: &str) -> Vec<Part> {
    let form = encode_form(&pothole(description), Some(API_KEY));
    form_urlencoded::parse(form.as_bytes())
        .map(|(name, value)| Part::text(&name, &value))
        .collect()
}

pub fn multipart(parts: &[Part]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n{}\r\n\r\n", part.headers).as_bytes());
        body.extend_from_slice(&part.content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub fn post_multipart(url: &str, parts: &[Part]) -> Reply {
    let content_type = multipart_content_type(BOUNDARY);
    send(
        "POST",
        url,
        &[("Content-Type", &content_type)],
        Some(multipart(parts)),
    )
}

/// Checks a refusal: its status, an error array in `format` with a description for the
/// person, one of which says `says`.
#[track_caller]
pub fn refused(reply: Reply, status: u16, format: Format, says: &str) -> Vec<ApiError> {
    let errors = reply.expect(status).errors(format);
    assert!(!errors.is_empty());
    assert!(
        errors
            .iter()
            .all(|e| !e.code.is_empty() && !e.description.is_empty()),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.description.contains(says)),
        "no error says {says:?}: {errors:?}"
    );
    errors
}

/// No request, photo, idempotency record or photo file beyond the seed.
#[track_caller]
pub fn nothing_stored(server: &Server) {
    assert_eq!(
        server.count("SELECT COUNT(*) FROM requests") as usize,
        SEEDED_REQUESTS
    );
    assert_eq!(server.count("SELECT COUNT(*) FROM photos"), 0);
    assert_eq!(server.count("SELECT COUNT(*) FROM idempotency"), 0);
    assert_eq!(server.media_files(), Vec::<String>::new());
}
