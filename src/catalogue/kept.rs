//! What the app fetched from the city's server, kept for offline use.

use open311::{Discovery, Format, Service, ServiceCode, ServiceDefinition};
use serde::{Deserialize, Serialize};

use crate::store::Db;
use crate::store::StoreError;
use crate::store::keyed::{get_value, put_value};
use crate::store::schema::CATALOGUE;

/// A fetched value and when it was fetched, so the app can tell how stale it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cached<T> {
    /// What the server sent.
    pub value: T,
    /// When it was fetched (milliseconds since the epoch).
    pub fetched_ms: u64,
}

/// The services, and the format the server answered them in (which the app then speaks).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceList {
    /// The city's services.
    pub services: Vec<Service>,
    /// JSON, or XML for a server that speaks only XML.
    pub format: Format,
}

/// The key of the endpoint's discovery document.
const DISCOVERY: &str = "discovery";
/// The key of the list of services.
const SERVICES: &str = "services";

/// The key of one service's definition.
fn definition_key(code: &ServiceCode) -> String {
    format!("definition/{code}")
}

/// Keeps the discovery document fetched at `fetched_ms`.
pub async fn put_discovery(
    db: &Db,
    discovery: &Discovery,
    fetched_ms: u64,
) -> Result<(), StoreError> {
    let cached = Cached {
        value: discovery,
        fetched_ms,
    };
    put_value(db, CATALOGUE, DISCOVERY, &cached).await
}

/// The kept discovery document, if one was fetched.
pub async fn get_discovery(db: &Db) -> Result<Option<Cached<Discovery>>, StoreError> {
    get_value(db, CATALOGUE, DISCOVERY).await
}

/// Keeps the list of services fetched at `fetched_ms`.
pub async fn put_services(db: &Db, list: &ServiceList, fetched_ms: u64) -> Result<(), StoreError> {
    let cached = Cached {
        value: list,
        fetched_ms,
    };
    put_value(db, CATALOGUE, SERVICES, &cached).await
}

/// The kept list of services, if one was fetched.
pub async fn get_services(db: &Db) -> Result<Option<Cached<ServiceList>>, StoreError> {
    get_value(db, CATALOGUE, SERVICES).await
}

/// Keeps a service's definition fetched at `fetched_ms`, under its service code.
pub async fn put_definition(
    db: &Db,
    definition: &ServiceDefinition,
    fetched_ms: u64,
) -> Result<(), StoreError> {
    let cached = Cached {
        value: definition,
        fetched_ms,
    };
    put_value(
        db,
        CATALOGUE,
        &definition_key(&definition.service_code),
        &cached,
    )
    .await
}

/// The kept definition of the service `code`, if one was fetched.
pub async fn get_definition(
    db: &Db,
    code: &ServiceCode,
) -> Result<Option<Cached<ServiceDefinition>>, StoreError> {
    get_value(db, CATALOGUE, &definition_key(code)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_have_keys_of_their_own() {
        let key = definition_key(&ServiceCode::new("001"));
        assert_eq!(key, "definition/001");
        assert_ne!(key, DISCOVERY);
        assert_ne!(key, SERVICES);
    }
}
