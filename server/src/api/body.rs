//! Reading a create-request body: a form, or a multipart form with photos.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use open311::{ApiError, Submission, decode_form, from_fields};

use super::error::Error;
use crate::media::{MAX_PHOTO_BYTES, MAX_PHOTOS, MediaError};

/// Room for the most photos at their largest, plus the text fields.
pub const MAX_BODY_BYTES: usize = MAX_PHOTOS * MAX_PHOTO_BYTES + (1 << 20);
/// A form without photos is a few kilobytes; the description is capped at 4,000 characters.
const MAX_FORM_BYTES: usize = 1 << 20;

/// The v2.1 draft names file parts `media`; Helsinki's clients send `media[]`.
const MEDIA_PARTS: [&str; 2] = ["media", "media[]"];

pub struct Received {
    pub submission: Submission,
    /// The uploaded files as sent, not yet checked.
    pub photos: Vec<Bytes>,
}

pub async fn read(request: Request) -> Result<Received, Error> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        let multipart = Multipart::from_request(request, &())
            .await
            .map_err(|rejection| Error::invalid(rejection.body_text()))?;
        return read_multipart(multipart).await;
    }
    if !(content_type.is_empty() || content_type.starts_with("application/x-www-form-urlencoded")) {
        return Err(Error::invalid(
            "Send the request as application/x-www-form-urlencoded or multipart/form-data.",
        ));
    }
    let bytes = axum::body::to_bytes(request.into_body(), MAX_FORM_BYTES)
        .await
        .map_err(|_| Error::invalid("The request body is too large."))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| Error::invalid("The request body is not UTF-8 text."))?;
    Ok(Received {
        submission: decode_form(text)
            .map_err(|error| Error::Invalid(vec![ApiError::from(&error)]))?,
        photos: Vec::new(),
    })
}

async fn read_multipart(mut multipart: Multipart) -> Result<Received, Error> {
    let unreadable = |error: axum::extract::multipart::MultipartError| {
        Error::invalid(format!(
            "The request body could not be read: {}",
            error.body_text()
        ))
    };
    let mut fields = Vec::new();
    let mut photos = Vec::new();
    // A refused photo does not stop the reading: answering before the client has sent
    // its whole body would make it see a reset connection instead of the answer.
    let mut refusal = None;
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        if !MEDIA_PARTS.contains(&name.as_str()) {
            fields.push((name, field.text().await.map_err(unreadable)?));
            continue;
        }
        let number = photos.len() + 1;
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if refusal.is_some() {
                continue;
            }
            if bytes.len() + chunk.len() > MAX_PHOTO_BYTES {
                refusal = Some(MediaError::TooLarge(number));
            } else {
                bytes.extend_from_slice(&chunk);
            }
        }
        // A browser form with no file chosen still sends an empty part.
        if refusal.is_some() || bytes.is_empty() {
            continue;
        }
        if number > MAX_PHOTOS {
            refusal = Some(MediaError::TooMany);
            continue;
        }
        photos.push(Bytes::from(bytes));
    }
    if let Some(refusal) = refusal {
        return Err(refusal.into());
    }
    let submission =
        from_fields(fields).map_err(|error| Error::Invalid(vec![ApiError::from(&error)]))?;
    Ok(Received { submission, photos })
}
