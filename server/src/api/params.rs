//! Query parameters as the spec reads them: an empty value is the same as none.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::error::Error;
use crate::db::meta::Site;

pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(query: &str) -> Self {
        Params(
            form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// The first non-empty value of `name`, trimmed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .find(|value| !value.is_empty())
    }

    /// `extensions=true`: Chicago's switch for notes and extended attributes.
    pub fn extensions(&self) -> bool {
        self.get("extensions")
            .is_some_and(|value| value.eq_ignore_ascii_case("true") || value == "1")
    }

    /// A `jurisdiction_id` other than this server's is a 404; none at all is fine.
    pub fn check_jurisdiction(&self, site: &Site) -> Result<(), Error> {
        match self.get("jurisdiction_id") {
            Some(id) if id != site.jurisdiction_id => {
                Err(Error::UnknownJurisdiction(id.to_owned()))
            }
            _ => Ok(()),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Params::parse(parts.uri.query().unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_means_not_sent() {
        let params = Params::parse("status=&status=open&service_code=+&extensions=TRUE");
        assert_eq!(params.get("status"), Some("open"));
        assert_eq!(params.get("service_code"), None);
        assert_eq!(params.get("page"), None);
        assert!(params.extensions());
        assert!(!Params::parse("extensions=false").extensions());
    }
}
