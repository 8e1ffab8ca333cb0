//! Reading a create-request body: a form, or a multipart form with photos.

use axum::body::Bytes;
use axum::extract::multipart::{Field, MultipartError};
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderMap, StatusCode, header};
use open311::{ApiError, Submission, decode_form, from_fields};

use super::error::Error;
use crate::media::{MAX_PHOTO_BYTES, MAX_PHOTOS, MediaError, Upload};

/// Room for the most photos at their largest, plus the text fields.
pub const MAX_BODY_BYTES: usize = MAX_PHOTOS * MAX_PHOTO_BYTES + (1 << 20);
/// A form without photos is a few kilobytes; the description is capped at 4,000 characters.
/// Multipart bodies get the same budget for all their text parts together.
const MAX_FORM_BYTES: usize = 1 << 20;
/// Fields of a form, or parts of a multipart body: the standard fields and the answers of the
/// richest service definitions come to well under a hundred.
const MAX_FIELDS: usize = 500;

/// The v2.1 draft names file parts `media`; Helsinki's clients send `media[]`.
const MEDIA_PARTS: [&str; 2] = ["media", "media[]"];

/// Why a body could not be read at all, before any field is looked at.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BodyError {
    #[error("Send the request as application/x-www-form-urlencoded or multipart/form-data.")]
    UnsupportedType,
    #[error("The request body is too large.")]
    TooLarge,
    #[error("The request's text fields together are larger than 1 MB.")]
    TextTooLarge,
    #[error("The request has more than {MAX_FIELDS} fields.")]
    TooManyFields,
    #[error("The request body is not UTF-8 text.")]
    NotUtf8,
    #[error("The request body could not be read: {0}")]
    Unreadable(String),
}

impl From<BodyError> for Error {
    fn from(error: BodyError) -> Self {
        Error::invalid(error.to_string())
    }
}

impl From<MultipartError> for BodyError {
    fn from(error: MultipartError) -> Self {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            BodyError::TooLarge
        } else {
            BodyError::Unreadable(error.body_text())
        }
    }
}

pub struct Received {
    pub submission: Submission,
    /// The uploaded files as sent, not yet checked.
    pub photos: Vec<Upload>,
}

pub async fn read(request: Request) -> Result<Received, Error> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let multipart = content_type.starts_with("multipart/form-data");
    // A body announced too large is refused before any of it is read: a client that waits
    // for `100 Continue` gets the answer without sending it, and the server reads nothing.
    let limit = if multipart {
        MAX_BODY_BYTES
    } else {
        MAX_FORM_BYTES
    };
    if declared_length(request.headers()).is_some_and(|length| length > limit as u64) {
        return Err(BodyError::TooLarge.into());
    }
    if multipart {
        let multipart = Multipart::from_request(request, &())
            .await
            .map_err(|rejection| BodyError::Unreadable(rejection.body_text()))?;
        return read_multipart(multipart).await;
    }
    if !(content_type.is_empty() || content_type.starts_with("application/x-www-form-urlencoded")) {
        return Err(BodyError::UnsupportedType.into());
    }
    let bytes = axum::body::to_bytes(request.into_body(), MAX_FORM_BYTES)
        .await
        .map_err(|_| BodyError::TooLarge)?;
    if form_urlencoded::parse(&bytes).nth(MAX_FIELDS).is_some() {
        return Err(BodyError::TooManyFields.into());
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| BodyError::NotUtf8)?;
    Ok(Received {
        submission: decode_form(text)
            .map_err(|error| Error::Invalid(vec![ApiError::from(&error)]))?,
        photos: Vec::new(),
    })
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// What a multipart body holds so far.
#[derive(Default)]
struct Parts {
    fields: Vec<(String, String)>,
    photos: Vec<Upload>,
    count: usize,
    text_bytes: usize,
}

async fn read_multipart(mut multipart: Multipart) -> Result<Received, Error> {
    let mut parts = Parts::default();
    // A refusal does not stop the reading: answering before the client has sent its whole
    // body would make it see a reset connection instead of the answer. Later parts are
    // read and dropped; a body that breaks off ends the loop with its own error.
    let mut refusal: Option<Error> = None;
    while let Some(field) = multipart.next_field().await.map_err(BodyError::from)? {
        if refusal.is_some() {
            drain(field).await?;
        } else if let Err(error) = parts.take(field).await {
            refusal = Some(error);
        }
    }
    if let Some(refusal) = refusal {
        return Err(refusal);
    }
    let submission =
        from_fields(parts.fields).map_err(|error| Error::Invalid(vec![ApiError::from(&error)]))?;
    Ok(Received {
        submission,
        photos: parts.photos,
    })
}

impl Parts {
    async fn take(&mut self, field: Field<'_>) -> Result<(), Error> {
        self.count += 1;
        if self.count > MAX_FIELDS {
            return Err(BodyError::TooManyFields.into());
        }
        let name = field.name().unwrap_or_default().to_owned();
        if MEDIA_PARTS.contains(&name.as_str()) {
            return self.take_photo(field).await;
        }
        let budget = MAX_FORM_BYTES - self.text_bytes;
        let bytes = read_at_most(field, budget)
            .await?
            .ok_or(BodyError::TextTooLarge)?;
        self.text_bytes += bytes.len();
        // Browsers send UTF-8; a stray byte is kept as a replacement character.
        self.fields
            .push((name, String::from_utf8_lossy(&bytes).into_owned()));
        Ok(())
    }

    async fn take_photo(&mut self, field: Field<'_>) -> Result<(), Error> {
        let number = self.photos.len() + 1;
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
        let bytes = read_at_most(field, MAX_PHOTO_BYTES)
            .await?
            .ok_or(MediaError::TooLarge(number))?;
        // A browser form with no file chosen still sends an empty part.
        if bytes.is_empty() {
            return Ok(());
        }
        if number > MAX_PHOTOS {
            return Err(MediaError::TooMany.into());
        }
        self.photos.push(Upload {
            bytes,
            file_name,
            content_type,
        });
        Ok(())
    }
}

/// The part's content, or none if it is longer than `limit` (the rest is read and dropped).
async fn read_at_most(mut field: Field<'_>, limit: usize) -> Result<Option<Bytes>, BodyError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        if bytes.len() + chunk.len() > limit {
            drain(field).await?;
            return Ok(None);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Some(Bytes::from(bytes)))
}

async fn drain(mut field: Field<'_>) -> Result<(), BodyError> {
    while field.chunk().await?.is_some() {}
    Ok(())
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;

    const BOUNDARY: &str = "body-property-boundary-7d2e";

    fn read_now(content_type: &str, body: Vec<u8>) -> Result<Received, Error> {
        let request = Request::builder()
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .expect("a valid request");
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime")
            .block_on(read(request))
    }

    /// A field name a quoted header parameter can carry.
    fn field_name() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "api_key",
                "service_code",
                "lat",
                "long",
                "description",
                "email",
                "attribute[WHEREIS]",
                "attribute[KINDS][]",
            ])
            .prop_map(str::to_owned),
            "[^\"\\\\\\p{C}]{0,10}",
        ]
        .prop_filter("a text field", |name| !MEDIA_PARTS.contains(&name.as_str()))
    }

    fn fields() -> impl Strategy<Value = Vec<(String, String)>> {
        vec((field_name(), "\\PC{0,16}|[\r\n-]{0,4}"), 0..10)
    }

    fn media() -> impl Strategy<Value = Vec<(Option<String>, Option<String>, Vec<u8>)>> {
        let name = proptest::option::of("[^\"\\\\\\p{C}]{0,12}");
        let content_type = proptest::option::of("[a-z]{1,8}/[a-z+.-]{1,8}");
        vec((name, content_type, vec(any::<u8>(), 1..64)), 0..4)
    }

    fn multipart(
        fields: &[(String, String)],
        media: &[(Option<String>, Option<String>, Vec<u8>)],
    ) -> Vec<u8> {
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        for (file_name, content_type, bytes) in media {
            let mut head =
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"media\"");
            if let Some(file_name) = file_name {
                head.push_str(&format!("; filename=\"{file_name}\""));
            }
            if let Some(content_type) = content_type {
                head.push_str(&format!("\r\nContent-Type: {content_type}"));
            }
            body.extend_from_slice(format!("{head}\r\n\r\n").as_bytes());
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        body
    }

    /// What the model makes of `fields`, as the server should too.
    fn expected(fields: &[(String, String)]) -> Result<Submission, ApiError> {
        from_fields(fields.to_vec()).map_err(|error| ApiError::from(&error))
    }

    fn outcome(read: Result<Received, Error>) -> Result<Submission, ApiError> {
        read.map(|received| received.submission)
            .map_err(|error| error.api_errors().remove(0))
    }

    proptest! {
        #[test]
        fn form_bodies_read_as_the_model_reads_their_fields(fields in fields()) {
            let body = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&fields)
                .finish();
            let read = read_now(open311::FORM_CONTENT_TYPE, body.into_bytes());
            prop_assert_eq!(outcome(read), expected(&fields));
        }

        #[test]
        fn multipart_bodies_read_as_the_model_reads_their_fields(
            fields in fields(),
            media in media(),
        ) {
            let read = read_now(
                &open311::multipart_content_type(BOUNDARY),
                multipart(&fields, &media),
            );
            let photos = read.as_ref().map(|received| received.photos.clone()).ok();
            prop_assert_eq!(outcome(read), expected(&fields));
            if let Some(photos) = photos {
                let sent: Vec<Upload> = media
                    .into_iter()
                    .map(|(file_name, content_type, bytes)| Upload {
                        bytes: Bytes::from(bytes),
                        file_name,
                        content_type,
                    })
                    .collect();
                prop_assert_eq!(photos, sent);
            }
        }

        #[test]
        fn any_body_is_read_or_refused_without_panic(
            content_type in prop_oneof![
                Just(open311::FORM_CONTENT_TYPE.to_owned()),
                Just(open311::multipart_content_type(BOUNDARY)),
                Just("multipart/form-data".to_owned()),
                "\\PC{0,24}",
            ],
            body in prop_oneof![
                vec(any::<u8>(), 0..256),
                "(--body-property-boundary-7d2e(--)?|\r\n|Content-Disposition: form-data; |name=\"media\"|filename=\"a\"|[a-z=\"; ]{1,4}){0,24}"
                    .prop_map(String::into_bytes),
            ],
        ) {
            if let Err(error) = read_now(&content_type, body) {
                prop_assert_eq!(error.status(), StatusCode::BAD_REQUEST);
                prop_assert!(!error.api_errors().is_empty());
            }
        }

        #[test]
        fn damaged_multipart_bodies_are_read_or_refused(
            fields in fields(),
            media in media(),
            cut in any::<prop::sample::Index>(),
            byte in any::<u8>(),
        ) {
            let mut body = multipart(&fields, &media);
            let at = cut.index(body.len());
            let content_type = open311::multipart_content_type(BOUNDARY);
            for damaged in [body[..at].to_vec(), { body[at] = byte; body }] {
                if let Err(error) = read_now(&content_type, damaged) {
                    prop_assert_eq!(error.status(), StatusCode::BAD_REQUEST);
                }
            }
        }
    }
}
