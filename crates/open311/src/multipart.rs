//! The multipart body that files a request with photos attached, for servers
//! that accept uploads.

use crate::draft::Draft;
use crate::form::fields;

/// A file sent in the `media` part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaPart {
    /// The file's name as the resident's device gave it.
    pub file_name: String,
    /// Its type, e.g. `image/jpeg`.
    pub content_type: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// The `Content-Type` of a body built with `boundary`.
pub fn multipart_content_type(boundary: &str) -> String {
    format!("multipart/form-data; boundary={boundary}")
}

/// Encodes a draft and its photos as `multipart/form-data`: the form's fields
/// as text parts, then one `media` part per file. The boundary must not occur
/// in the content; the caller picks a random one.
pub fn encode_multipart(
    draft: &Draft,
    api_key: Option<&str>,
    media: &[MediaPart],
    boundary: &str,
) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields(draft, api_key) {
        part_header(&mut body, boundary, &name, None);
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(value.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    for file in media {
        part_header(&mut body, boundary, "media", Some(&file.file_name));
        let content_type = header_line(&file.content_type);
        let content_type = if content_type.trim().is_empty() {
            "application/octet-stream"
        } else {
            content_type.trim()
        };
        body.extend_from_slice(format!("Content-Type: {content_type}\r\n\r\n").as_bytes());
        body.extend_from_slice(&file.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    body
}

fn part_header(body: &mut Vec<u8>, boundary: &str, name: &str, file_name: Option<&str>) {
    let mut header = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"",
        quoted(name)
    );
    if let Some(file_name) = file_name {
        header.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
    }
    header.push_str("\r\n");
    body.extend_from_slice(header.as_bytes());
}

/// A header value cannot span lines: a CR or LF would start a header of the
/// sender's choosing.
fn header_line(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '\r' | '\n')).collect()
}

/// Text inside a quoted header parameter, with quotes escaped the way
/// browsers do.
fn quoted(text: &str) -> String {
    header_line(text).replace('"', "%22")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Answer;
    use crate::form::from_fields;
    use crate::ids::{AttributeCode, ServiceCode};

    /// Splits a body into (headers, content) parts, as a server would.
    fn parts(body: &[u8], boundary: &str) -> Vec<(String, Vec<u8>)> {
        let delimiter = format!("--{boundary}");
        let text = String::from_utf8_lossy(body).into_owned();
        assert!(text.ends_with(&format!("{delimiter}--\r\n")));
        text.split(&delimiter)
            .skip(1)
            .filter(|part| !part.starts_with("--"))
            .map(|part| {
                let part = part
                    .strip_prefix("\r\n")
                    .unwrap()
                    .strip_suffix("\r\n")
                    .unwrap();
                let (headers, content) = part.split_once("\r\n\r\n").unwrap();
                (headers.to_owned(), content.as_bytes().to_vec())
            })
            .collect()
    }

    fn field_name(headers: &str) -> String {
        let start = headers.find("name=\"").unwrap() + 6;
        headers[start..].split('"').next().unwrap().to_owned()
    }

    fn draft() -> Draft {
        let mut draft = Draft {
            service_code: ServiceCode::new("001"),
            description: Some("Two lines\r\nof text".into()),
            ..Draft::default()
        };
        draft.location.address_string = Some("1 Main St".into());
        draft.attributes.insert(
            AttributeCode::new("TAGS"),
            Answer::Multi(vec!["a".into(), "b".into()]),
        );
        draft
    }

    #[test]
    fn text_parts_carry_the_form_fields() {
        let boundary = "XyZ123";
        let body = encode_multipart(&draft(), Some("KEY"), &[], boundary);
        let fields = parts(&body, boundary)
            .into_iter()
            .map(|(headers, content)| (field_name(&headers), String::from_utf8(content).unwrap()));
        let submission = from_fields(fields).unwrap();
        assert_eq!(submission.draft, draft());
        assert_eq!(submission.api_key.as_deref(), Some("KEY"));
    }

    #[test]
    fn media_parts_follow_with_safe_headers() {
        let boundary = "b0undary";
        let photo = MediaPart {
            file_name: "evil\".jpg\r\nX-Injected: 1".into(),
            content_type: "image/jpeg\r\nX-Other: 2".into(),
            bytes: vec![0xff, 0xd8, 0x00, 0x0d, 0x0a],
        };
        let body = encode_multipart(&draft(), None, &[photo], boundary);
        let mut expected = b"\r\n--b0undary\r\n\
            Content-Disposition: form-data; name=\"media\"; filename=\"evil%22.jpgX-Injected: 1\"\r\n\
            Content-Type: image/jpegX-Other: 2\r\n\r\n"
            .to_vec();
        expected.extend_from_slice(&[0xff, 0xd8, 0x00, 0x0d, 0x0a]);
        expected.extend_from_slice(b"\r\n--b0undary--\r\n");
        assert!(
            body.ends_with(&expected),
            "{}",
            String::from_utf8_lossy(&body)
        );
        assert_eq!(
            multipart_content_type(boundary),
            "multipart/form-data; boundary=b0undary"
        );
    }

    #[test]
    fn a_part_without_a_type_is_plain_bytes() {
        let file = MediaPart {
            file_name: "photo".into(),
            content_type: " ".into(),
            bytes: b"123".to_vec(),
        };
        let body = encode_multipart(&draft(), None, &[file], "B");
        let text = String::from_utf8(body).unwrap();
        assert!(text.contains(
            "filename=\"photo\"\r\nContent-Type: application/octet-stream\r\n\r\n123\r\n--B--\r\n"
        ));
    }
}
