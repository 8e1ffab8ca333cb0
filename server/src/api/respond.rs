//! Format negotiation by suffix, and writing documents.

use std::net::SocketAddr;

use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use open311::{Format, Resource, ServiceRequest, encode};

use super::error::Error;
use crate::media::URL_PREFIX;

/// Splits `name.json` into `name` and its format; anything else names no resource.
pub fn split_format(file: &str) -> Result<(&str, Format), Error> {
    let (stem, extension) = file.rsplit_once('.').ok_or(Error::UnknownResource)?;
    let format = Format::from_extension(extension).ok_or(Error::UnknownResource)?;
    if stem.is_empty() {
        return Err(Error::UnknownResource);
    }
    Ok((stem, format))
}

/// The format a path asks for, for answering errors before any handler runs; JSON when
/// the path names none.
pub fn format_of_path(path: &str) -> Format {
    path.rsplit_once('.')
        .filter(|(_, extension)| !extension.contains('/'))
        .and_then(|(_, extension)| Format::from_extension(extension))
        .unwrap_or(Format::Json)
}

pub fn document<T: Resource>(format: Format, items: &[T]) -> Response {
    (
        [(header::CONTENT_TYPE, format.content_type())],
        encode(format, items),
    )
        .into_response()
}

/// `http://host:port` as the client reached this server, for absolute URLs in answers.
pub fn origin(headers: &HeaderMap, listening: SocketAddr) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .filter(|host| !host.is_empty() && host.bytes().all(|b| b.is_ascii_graphic()));
    match host {
        Some(host) => format!("http://{host}"),
        None => format!("http://{listening}"),
    }
}

/// Makes the server-relative photo URLs from storage absolute: `media_url` is meant to
/// be fetched by anyone, not only by a client that knows where it asked.
pub fn absolutize(requests: &mut [ServiceRequest], origin: &str) {
    let fix = |url: &mut String| {
        if url.starts_with(URL_PREFIX) {
            url.insert_str(0, origin);
        }
    };
    for request in requests {
        if let Some(url) = request.media_url.as_mut() {
            fix(url);
        }
        if let Some(extended) = request.extended_attributes.as_mut() {
            extended
                .photos
                .iter_mut()
                .for_each(|photo| fix(&mut photo.media_url));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_choose_the_format() {
        assert_eq!(
            split_format("services.json").unwrap(),
            ("services", Format::Json)
        );
        assert_eq!(split_format("4fd3.b.xml").unwrap(), ("4fd3.b", Format::Xml));
        assert!(split_format("services").is_err());
        assert!(split_format("services.html").is_err());
        assert!(split_format(".json").is_err());
    }

    #[test]
    fn error_format_follows_the_path() {
        assert_eq!(format_of_path("/open311/v2/requests.xml"), Format::Xml);
        assert_eq!(format_of_path("/open311/v2/requests.json"), Format::Json);
        assert_eq!(format_of_path("/open311/v2/requests"), Format::Json);
        assert_eq!(format_of_path("/open311/v2.xml/requests"), Format::Json);
    }

    #[test]
    fn photo_urls_become_absolute() {
        let mut requests = vec![ServiceRequest {
            media_url: Some("/media/ab.jpg".into()),
            ..ServiceRequest::default()
        }];
        absolutize(&mut requests, "http://127.0.0.1:8080");
        assert_eq!(
            requests[0].media_url.as_deref(),
            Some("http://127.0.0.1:8080/media/ab.jpg")
        );
        absolutize(&mut requests, "http://other");
        assert_eq!(
            requests[0].media_url.as_deref(),
            Some("http://127.0.0.1:8080/media/ab.jpg")
        );
    }
}
