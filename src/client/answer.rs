//! An HTTP answer reduced to what the app reads, free of browser types.

use open311::{ApiError, DecodeError, Format, Resource};

use super::error::ClientError;

/// Status, the headers the app acts on, and the body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpAnswer {
    pub status: u16,
    pub retry_after: Option<String>,
    pub etag: Option<String>,
    pub body: Vec<u8>,
}

impl HttpAnswer {
    /// Reads a successful answer as a list of `T`; anything else is a typed error.
    pub fn decode<T: Resource>(&self, format: Format) -> Result<Vec<T>, ClientError> {
        if !(200..=299).contains(&self.status) {
            return Err(ClientError::Status {
                status: self.status,
                errors: self.api_errors(format),
            });
        }
        open311::decode(format, &self.body).map_err(ClientError::Decode)
    }

    /// The server's error array, if the body is one (empty otherwise).
    pub fn api_errors(&self, format: Format) -> Vec<ApiError> {
        match open311::decode(format, &self.body) {
            Ok(errors) | Err(DecodeError::Api(errors)) => errors,
            Err(_) => Vec::new(),
        }
    }

    /// An answer with this status and body, and no headers the app reads.
    #[cfg(test)]
    pub fn with_body(status: u16, body: &str) -> Self {
        HttpAnswer {
            status,
            body: body.as_bytes().to_vec(),
            ..HttpAnswer::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use open311::Service;

    use super::*;

    fn answer(status: u16, body: &str) -> HttpAnswer {
        HttpAnswer::with_body(status, body)
    }

    #[test]
    fn decodes_a_success() {
        let services: Vec<Service> = answer(
            200,
            r#"[{"service_code":"001","service_name":"Pothole in Street"}]"#,
        )
        .decode(Format::Json)
        .unwrap();
        assert_eq!(services[0].service_name, "Pothole in Street");
    }

    #[test]
    fn a_failure_carries_the_servers_errors() {
        let error = answer(404, r#"[{"code":404,"description":"Service not found"}]"#)
            .decode::<Service>(Format::Json)
            .unwrap_err();
        assert!(
            matches!(error, ClientError::Status { status: 404, ref errors } if errors[0].description == "Service not found")
        );
    }

    #[test]
    fn an_html_success_is_a_decode_error() {
        let error = answer(200, "<!DOCTYPE html><html></html>")
            .decode::<Service>(Format::Json)
            .unwrap_err();
        assert!(matches!(error, ClientError::Decode(DecodeError::Html)));
    }
}
