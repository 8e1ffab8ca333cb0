//! The city's services and their questions: from the device when it has them, from the
//! server when they are missing or stale, so the report flow works offline after one visit.

pub mod freshness;
pub mod kept;
pub mod prefetch;
pub mod readiness;

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use open311::{Format, Service, ServiceCode, ServiceDefinition};

use crate::client::{ClientError, Endpoints, services as remote};
use crate::config::ConfigError;
use crate::store::{Db, StoreError};
use crate::time::now_ms;
use crate::user_message::UserMessage;
use kept::{self as cache, ServiceList};
use readiness::Readiness;

/// The catalogue could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Config(#[from] ConfigError),
}

impl UserMessage for CatalogueError {
    /// A sentence for the resident.
    fn user_message(&self) -> String {
        match self {
            CatalogueError::Client(error) => format!(
                "The city's list of services could not be loaded. {} It will be kept on this \
                 device once it has loaded.",
                error.user_message()
            ),
            CatalogueError::Store(error) => error.user_message(),
            CatalogueError::Config(error) => error.user_message(),
        }
    }
}

/// The cached catalogue of one server.
#[derive(Clone)]
pub struct Catalogue {
    db: Db,
    endpoints: Endpoints,
    /// The list's fetch under way, if any: the report screen and the start's keeping of the
    /// catalogue ask the server for it once between them. It gives whether the list was kept.
    listing: Rc<RefCell<Option<Shared<LocalBoxFuture<'static, bool>>>>>,
}

impl Catalogue {
    pub fn new(db: Db, endpoints: Endpoints) -> Self {
        Catalogue {
            db,
            endpoints,
            listing: Rc::default(),
        }
    }

    /// The server's endpoints in the format it speaks: JSON unless the service list had to
    /// be read in XML.
    pub async fn endpoints(&self) -> Endpoints {
        match cache::get_services(&self.db).await {
            Ok(Some(cached)) => self.endpoints.in_format(cached.value.format),
            _ => self.endpoints.clone(),
        }
    }

    /// The services: the kept list at once (the app's start keeps it fresh, see
    /// [`keep_all`](Self::keep_all)), or the server's when none is kept.
    pub async fn services(&self) -> Result<Vec<Service>, CatalogueError> {
        if let Some(cached) = cache::get_services(&self.db).await? {
            return Ok(cached.value.services);
        }
        Ok(self.fetch_services().await?.services)
    }

    /// Makes the whole catalogue, the list and every form, kept and current, so that a report
    /// can be filed offline after this one visit: the list is fetched when none is kept or it
    /// is due (a day old, or discovery's changeset moved), then every definition not kept
    /// since, one at a time. Stops at the first failure, keeping what was saved.
    pub async fn keep_all(&self) -> Result<Readiness, CatalogueError> {
        let list = match cache::get_services(&self.db).await? {
            Some(cached) => {
                let due = self
                    .refresh_due(cached.fetched_ms, cached.value.format)
                    .await?;
                if due {
                    self.fetch_services().await?;
                }
                cache::get_services(&self.db).await?
            }
            None => {
                self.fetch_services().await?;
                cache::get_services(&self.db).await?
            }
        };
        let list_fetched_ms = list.as_ref().map_or(0, |list| list.fetched_ms);
        let codes: Vec<ServiceCode> = list
            .iter()
            .flat_map(|list| &list.value.services)
            .filter(|service| service.metadata)
            .map(|service| service.service_code.clone())
            .collect();
        for code in &codes {
            let current = cache::get_definition(&self.db, code)
                .await?
                .is_some_and(|kept| {
                    freshness::definition_current(kept.fetched_ms, list_fetched_ms)
                });
            if !current {
                self.fetch_definition(code).await?;
            }
        }
        self.readiness().await
    }

    /// How much of the catalogue is kept on the device, whatever its age: what a report
    /// needs offline.
    pub async fn readiness(&self) -> Result<Readiness, CatalogueError> {
        let Some(list) = cache::get_services(&self.db).await? else {
            return Ok(Readiness::of(None, |_| false));
        };
        let mut kept = std::collections::HashSet::new();
        for service in list.value.services.iter().filter(|s| s.metadata) {
            if cache::get_definition(&self.db, &service.service_code)
                .await?
                .is_some()
            {
                kept.insert(service.service_code.clone());
            }
        }
        Ok(Readiness::of(Some(&list.value.services), |code| {
            kept.contains(code)
        }))
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
        match self.fetch_definition(code).await {
            Ok(definition) => Ok(definition),
            Err(error) => kept.map(|kept| kept.value).ok_or(error),
        }
    }

    /// Fetches a service's definition and keeps it.
    async fn fetch_definition(
        &self,
        code: &ServiceCode,
    ) -> Result<ServiceDefinition, CatalogueError> {
        let definition = remote::fetch_definition(&self.endpoints().await, code).await?;
        cache::put_definition(&self.db, &definition, now_ms()).await?;
        Ok(definition)
    }

    /// Fetches the list and keeps it, or waits for the fetch under way and takes what it kept.
    async fn fetch_services(&self) -> Result<ServiceList, CatalogueError> {
        let underway = self.listing.borrow().clone();
        if let Some(underway) = underway
            && underway.await
            && let Some(kept) = cache::get_services(&self.db).await?
        {
            return Ok(kept.value);
        }
        let (done, outcome) = oneshot::channel();
        let shared = async move { outcome.await.unwrap_or(false) }
            .boxed_local()
            .shared();
        self.listing.replace(Some(shared));
        let fetched = self.fetch_services_now().await;
        let _ = done.send(fetched.is_ok());
        self.listing.replace(None);
        fetched
    }

    async fn fetch_services_now(&self) -> Result<ServiceList, CatalogueError> {
        let (services, endpoints) = remote::fetch_services(&self.endpoints).await?;
        let list = ServiceList {
            services,
            format: endpoints.format(),
        };
        cache::put_services(&self.db, &list, now_ms()).await?;
        Ok(list)
    }

    /// Whether the list fetched at `fetched_ms` is due again: a day old, or discovery's
    /// changeset moved.
    async fn refresh_due(&self, fetched_ms: u64, format: Format) -> Result<bool, CatalogueError> {
        if freshness::too_old(fetched_ms, now_ms()) {
            return Ok(true);
        }
        let discovery = remote::fetch_discovery(&self.endpoints.in_format(format)).await?;
        let kept = cache::get_discovery(&self.db).await?;
        cache::put_discovery(&self.db, &discovery, now_ms()).await?;
        Ok(freshness::changed(
            kept.as_ref().and_then(|k| k.value.changeset.as_deref()),
            discovery.changeset.as_deref(),
        ))
    }
}
