//! The city's services and their questions: from the device when it has them, from the
//! server when they are missing or stale, so the report flow works offline after one visit.

pub mod freshness;

use open311::{Format, Service, ServiceCode, ServiceDefinition};

use crate::client::{ClientError, Endpoints, catalogue as remote};
use crate::store::catalogue::{self as cache, ServiceList};
use crate::store::{Db, StoreError};
use crate::time::now_ms;

/// The catalogue could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CatalogueError {
    /// A sentence for the resident.
    pub fn user_message(&self) -> String {
        match self {
            CatalogueError::Client(error) => format!(
                "The city's list of services could not be loaded. {} It will be kept on this \
                 device once it has loaded.",
                error.user_message()
            ),
            CatalogueError::Store(error) => error.user_message(),
        }
    }
}

/// The cached catalogue of one server.
#[derive(Clone)]
pub struct Catalogue {
    db: Db,
    endpoints: Endpoints,
}

impl Catalogue {
    pub fn new(db: Db, endpoints: Endpoints) -> Self {
        Catalogue { db, endpoints }
    }

    /// The server's endpoints in the format it speaks: JSON unless the service list had to
    /// be read in XML.
    pub async fn endpoints(&self) -> Endpoints {
        match cache::get_services(&self.db).await {
            Ok(Some(cached)) => self.endpoints.in_format(cached.value.format),
            _ => self.endpoints.clone(),
        }
    }

    /// The services: the kept list at once (refreshed in the background when it is due), or
    /// the server's when none is kept.
    pub async fn services(&self) -> Result<Vec<Service>, CatalogueError> {
        if let Some(cached) = cache::get_services(&self.db).await? {
            let catalogue = self.clone();
            let (fetched_ms, format) = (cached.fetched_ms, cached.value.format);
            leptos::task::spawn_local(async move {
                // A failed refresh leaves the kept list, which is what offline needs.
                let _ = catalogue.refresh(fetched_ms, format).await;
            });
            return Ok(cached.value.services);
        }
        Ok(self.fetch_services().await?.services)
    }

    /// A service's definition: the kept one while current, else the server's, else (offline)
    /// the kept one even if stale.
    pub async fn definition(
        &self,
        code: &ServiceCode,
    ) -> Result<ServiceDefinition, CatalogueError> {
        let list_fetched_ms = cache::get_services(&self.db)
            .await?
            .map_or(0, |cached| cached.fetched_ms);
        let kept = cache::get_definition(&self.db, code).await?;
        if let Some(kept) = &kept
            && freshness::definition_current(kept.fetched_ms, list_fetched_ms)
        {
            return Ok(kept.value.clone());
        }
        match remote::fetch_definition(&self.endpoints().await, code).await {
            Ok(definition) => {
                cache::put_definition(&self.db, &definition, now_ms()).await?;
                Ok(definition)
            }
            Err(error) => kept.map(|kept| kept.value).ok_or(error.into()),
        }
    }

    async fn fetch_services(&self) -> Result<ServiceList, CatalogueError> {
        let (services, endpoints) = remote::fetch_services(&self.endpoints).await?;
        let list = ServiceList {
            services,
            format: endpoints.format(),
        };
        cache::put_services(&self.db, &list, now_ms()).await?;
        let catalogue = self.clone();
        let codes: Vec<ServiceCode> = list
            .services
            .iter()
            .filter(|service| service.metadata)
            .map(|service| service.service_code.clone())
            .collect();
        leptos::task::spawn_local(async move { catalogue.keep_definitions(&codes).await });
        Ok(list)
    }

    /// Fetches every definition, one at a time, so the whole report flow works offline;
    /// stops at the first failure (offline, or a server asking to slow down).
    async fn keep_definitions(&self, codes: &[ServiceCode]) {
        for code in codes {
            if self.definition(code).await.is_err() {
                return;
            }
        }
    }

    /// Fetches the list again when it is a day old, or when discovery's changeset moved.
    async fn refresh(&self, fetched_ms: u64, format: Format) -> Result<(), CatalogueError> {
        let endpoints = self.endpoints.in_format(format);
        let due = freshness::too_old(fetched_ms, now_ms()) || {
            let discovery = remote::fetch_discovery(&endpoints).await?;
            let kept = cache::get_discovery(&self.db).await?;
            cache::put_discovery(&self.db, &discovery, now_ms()).await?;
            freshness::changed(
                kept.as_ref().and_then(|k| k.value.changeset.as_deref()),
                discovery.changeset.as_deref(),
            )
        };
        if due {
            self.fetch_services().await?;
        }
        Ok(())
    }
}
