//! `discovery`: where this server's endpoints are and what they speak.

use axum::http::HeaderMap;
use axum::response::Response;
use open311::{Discovery, Endpoint, Format};

use super::respond::{document, origin};
use crate::state::AppState;

const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";

pub fn discovery(state: &AppState, headers: &HeaderMap, format: Format) -> Response {
    let site = &state.site;
    let discovery = Discovery {
        changeset: Some(site.changeset.clone()),
        contact: Some(site.contact.clone()),
        key_service: Some(site.key_service.clone()),
        endpoints: vec![Endpoint {
            specification: Some(SPECIFICATION.to_owned()),
            url: Some(format!("{}/open311/v2", origin(headers, state.listening))),
            changeset: Some(site.changeset.clone()),
            endpoint_type: Some("production".to_owned()),
            formats: [Format::Json, Format::Xml]
                .map(|f| {
                    f.content_type()
                        .split(';')
                        .next()
                        .unwrap_or_default()
                        .to_owned()
                })
                .to_vec(),
        }],
    };
    document(format, &[discovery])
}
