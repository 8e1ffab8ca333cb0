//! The city's services and their definitions, in whichever format the server speaks.

use open311::{Discovery, Format, Resource, Service, ServiceCode, ServiceDefinition};

use super::endpoints::Endpoints;
use super::error::ClientError;
use super::http;

/// The service list, and the endpoints in the format that answered it. JSON is asked first;
/// a server that speaks only XML (as the spec allows) is asked again in XML.
pub async fn fetch_services(
    endpoints: &Endpoints,
) -> Result<(Vec<Service>, Endpoints), ClientError> {
    match get_all::<Service>(&endpoints.services(), endpoints.format()).await {
        Err(error) if endpoints.format() == Format::Json && speaks_no_json(&error) => {
            let xml = endpoints.in_format(Format::Xml);
            let services = get_all(&xml.services(), Format::Xml).await?;
            Ok((services, xml))
        }
        other => other.map(|services| (services, endpoints.clone())),
    }
}

/// The server's discovery document (its `changeset` says when the catalogue changed).
pub async fn fetch_discovery(endpoints: &Endpoints) -> Result<Discovery, ClientError> {
    first(get_all::<Discovery>(&endpoints.discovery(), endpoints.format()).await?)
}

/// One service's definition (its questions).
pub async fn fetch_definition(
    endpoints: &Endpoints,
    code: &ServiceCode,
) -> Result<ServiceDefinition, ClientError> {
    first(get_all::<ServiceDefinition>(&endpoints.definition(code), endpoints.format()).await?)
}

/// The one document of a single-document answer.
fn first<T>(documents: Vec<T>) -> Result<T, ClientError> {
    documents
        .into_iter()
        .next()
        .ok_or(ClientError::Decode(open311::DecodeError::Empty))
}

async fn get_all<T: Resource>(url: &str, format: Format) -> Result<Vec<T>, ClientError> {
    http::get(url, &[]).await?.decode(format)
}

/// A `.json` resource that is missing, or answered with something that is not JSON, means
/// the server has no JSON; a network failure or 5xx means nothing about formats.
fn speaks_no_json(error: &ClientError) -> bool {
    matches!(
        error,
        ClientError::Status {
            status: 404 | 406 | 415,
            ..
        } | ClientError::Decode(_)
    )
}

#[cfg(test)]
mod tests {
    use open311::DecodeError;

    use super::*;

    #[test]
    fn only_format_failures_switch_to_xml() {
        let not_found = ClientError::Status {
            status: 404,
            errors: vec![],
        };
        assert!(speaks_no_json(&not_found));
        assert!(speaks_no_json(&ClientError::Decode(DecodeError::Html)));
        assert!(!speaks_no_json(&ClientError::Timeout));
        assert!(!speaks_no_json(&ClientError::Status {
            status: 503,
            errors: vec![]
        }));
    }
}
