//! The addresses of a GeoReport v2 server's resources.

use open311::{Format, JurisdictionId, ServiceCode, Token};

/// Builds resource URLs for one server, in one format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoints {
    base: String,
    format: Format,
    jurisdiction: Option<JurisdictionId>,
}

impl Endpoints {
    /// `base` is the API root, e.g. `https://311.example.gov/open311/v2` or `/open311/v2`.
    pub fn new(base: &str, format: Format, jurisdiction: Option<JurisdictionId>) -> Self {
        Endpoints {
            base: base.trim().trim_end_matches('/').to_owned(),
            format,
            jurisdiction,
        }
    }

    /// The same server in another format.
    pub fn in_format(&self, format: Format) -> Self {
        Endpoints {
            format,
            ..self.clone()
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn jurisdiction(&self) -> Option<&JurisdictionId> {
        self.jurisdiction.as_ref()
    }

    pub fn discovery(&self) -> String {
        self.url("discovery", &[])
    }

    pub fn services(&self) -> String {
        self.url("services", &[])
    }

    pub fn definition(&self, code: &ServiceCode) -> String {
        self.url(&format!("services/{}", segment(code.as_str())), &[])
    }

    /// Where requests are POSTed (the jurisdiction travels in the body).
    pub fn create(&self) -> String {
        format!("{}/requests.{}", self.base, self.format.extension())
    }

    pub fn token(&self, token: &Token) -> String {
        self.url(&format!("tokens/{}", segment(token.as_str())), &[])
    }

    /// `requests` with query parameters; empty values are left out, as the spec treats
    /// an empty parameter as absent anyway.
    pub fn requests(&self, params: &[(&str, &str)]) -> String {
        self.url("requests", params)
    }

    fn url(&self, resource: &str, params: &[(&str, &str)]) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(jurisdiction) = &self.jurisdiction {
            query.append_pair("jurisdiction_id", jurisdiction.as_str());
        }
        for (key, value) in params.iter().filter(|(_, v)| !v.is_empty()) {
            query.append_pair(key, value);
        }
        let query = query.finish();
        let path = format!("{}/{resource}.{}", self.base, self.format.extension());
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    }
}

/// Escapes an id for use as one path segment (ids are opaque text, `/` included).
pub(crate) fn segment(id: &str) -> String {
    percent_encoding::utf8_percent_encode(id, SEGMENT).to_string()
}

const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

#[cfg(test)]
mod tests {
    use super::*;

    fn chicago() -> Endpoints {
        Endpoints::new(
            "https://311api.example.gov/open311/v2/",
            Format::Json,
            Some(JurisdictionId::new("cityofchicago.org")),
        )
    }

    #[test]
    fn builds_every_resource() {
        let api = chicago();
        assert_eq!(
            api.discovery(),
            "https://311api.example.gov/open311/v2/discovery.json?jurisdiction_id=cityofchicago.org"
        );
        assert_eq!(
            api.definition(&ServiceCode::new("4fd3b167e750846744000005")),
            "https://311api.example.gov/open311/v2/services/4fd3b167e750846744000005.json?jurisdiction_id=cityofchicago.org"
        );
        assert_eq!(
            api.create(),
            "https://311api.example.gov/open311/v2/requests.json"
        );
        assert_eq!(
            api.in_format(Format::Xml).token(&Token::new("12 34")),
            "https://311api.example.gov/open311/v2/tokens/12%2034.xml?jurisdiction_id=cityofchicago.org"
        );
    }

    #[test]
    fn encodes_queries_and_drops_empty_values() {
        let api = Endpoints::new("/open311/v2", Format::Json, None);
        assert_eq!(
            api.requests(&[
                ("service_request_id", "1,2,3"),
                ("status", ""),
                ("extensions", "true")
            ]),
            "/open311/v2/requests.json?service_request_id=1%2C2%2C3&extensions=true"
        );
        assert_eq!(api.services(), "/open311/v2/services.json");
    }

    #[test]
    fn ids_cannot_escape_their_segment() {
        let api = Endpoints::new("/api", Format::Json, None);
        assert_eq!(
            api.definition(&ServiceCode::new("../admin?x=1")),
            "/api/services/..%2Fadmin%3Fx%3D1.json"
        );
    }
}
