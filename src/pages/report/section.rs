//! The city's services, loaded once for every report page.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::Outlet;
use open311::{Service, ServiceCode};

use crate::catalogue::CatalogueError;
use crate::session::use_session;

/// The services the city's server offers.
pub struct Services(pub Vec<Service>);

impl Services {
    pub fn service(&self, code: &ServiceCode) -> Option<&Service> {
        self.0.iter().find(|service| &service.service_code == code)
    }
}

/// The services, or why they could not be loaded.
pub type Loaded = Result<Arc<Services>, Arc<CatalogueError>>;

/// The report pages' shared list of services.
#[derive(Clone, Copy)]
pub struct ServicesResource(pub LocalResource<Loaded>);

/// The frame of the report pages: it reads the catalogue once (from the device when it is
/// kept there), so going from the list to a form and back asks nothing more.
#[component]
pub fn ReportSection() -> impl IntoView {
    let catalogue = use_session().catalogue;
    let services = LocalResource::new(move || {
        let catalogue = catalogue.clone();
        async move {
            catalogue
                .services()
                .await
                .map(|services| Arc::new(Services(services)))
                .map_err(Arc::new)
        }
    });
    provide_context(ServicesResource(services));
    view! { <Outlet /> }
}
