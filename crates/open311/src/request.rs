//! Service requests: a filed problem as the city tracks it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::extensions::{ExtendedAttributes, Note};
use crate::ids::{ServiceCode, ServiceRequestId};
use crate::lenient::{Lenient, list, nested, opt, text_serde};
use crate::resource::{Resource, Shape};
use crate::timestamp::Timestamp;

/// A filed request (`requests.json`), every field optional because real
/// servers leave out any of them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceRequest {
    /// The server's id for it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub service_request_id: Option<ServiceRequestId>,
    /// Open or closed.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// What the city says about its status.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status_notes: Option<String>,
    /// The name of its service.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    /// The code of its service.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub service_code: Option<ServiceCode>,
    /// The resident's description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The department handling it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agency_responsible: Option<String>,
    /// What the city tells everyone about requests of this kind.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub service_notice: Option<String>,
    /// When it was filed.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub requested_datetime: Option<Timestamp>,
    /// When it last changed.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub updated_datetime: Option<Timestamp>,
    /// When the city expects to be done.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub expected_datetime: Option<Timestamp>,
    /// Its street address.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The city's id for the address.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub address_id: Option<String>,
    /// Its postal code, kept as text for leading zeros.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    /// Latitude (WGS84).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude (WGS84).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub long: Option<f64>,
    /// A photo of the problem.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub media_url: Option<String>,
    /// The `extensions=true` details.
    #[serde(deserialize_with = "nested", skip_serializing_if = "Option::is_none")]
    pub extended_attributes: Option<ExtendedAttributes>,
    /// The tracker's timeline (`extensions=true`).
    #[serde(deserialize_with = "list", skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// Whether the city still works on a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Being worked on.
    Open,
    /// Done, or refused.
    Closed,
}

impl Status {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Closed => "closed",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Lenient for Status {
    fn from_text(text: &str) -> Option<Self> {
        [Status::Open, Status::Closed]
            .into_iter()
            .find(|status| status.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

text_serde!(Status, "open or closed");

impl ServiceRequest {
    /// Where its first photo is: the spec's `media_url`, else the first of the photos the
    /// extensions list. Blank URLs count as none.
    pub fn first_photo_url(&self) -> Option<&str> {
        let extended = self.extended_attributes.iter().flat_map(|e| &e.photos);
        self.media_url
            .as_deref()
            .into_iter()
            .chain(extended.map(|photo| photo.media_url.as_str()))
            .map(str::trim)
            .find(|url| !url.is_empty())
    }
}

impl Resource for ServiceRequest {
    const SHAPE: Shape = Shape::List {
        root: "service_requests",
        item: "request",
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extensions::{ExtendedAttributes, Photo};

    fn with_photos(media_url: Option<&str>, extended: &[&str]) -> ServiceRequest {
        ServiceRequest {
            media_url: media_url.map(str::to_owned),
            extended_attributes: Some(ExtendedAttributes {
                photos: extended
                    .iter()
                    .map(|url| Photo {
                        media_url: (*url).to_owned(),
                        ..Photo::default()
                    })
                    .collect(),
                ..ExtendedAttributes::default()
            }),
            ..ServiceRequest::default()
        }
    }

    #[test]
    fn the_first_photo_is_the_specs_then_the_extensions() {
        let both = with_photos(Some("/media/main.jpg"), &["/media/1.jpg"]);
        assert_eq!(both.first_photo_url(), Some("/media/main.jpg"));
        let extended = with_photos(Some("  "), &["", "/media/2.jpg"]);
        assert_eq!(extended.first_photo_url(), Some("/media/2.jpg"));
        assert_eq!(with_photos(None, &[]).first_photo_url(), None);
    }
}
