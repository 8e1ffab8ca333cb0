//! `/outbox/:id`: a report the city refused, back in its form with what the city said, to be
//! fixed and sent again.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use open311::{ApiError, Service, ServiceDefinition};

use crate::catalogue::CatalogueError;
use crate::components::loader::loaded_view;
use crate::outbox::OutboxReport;
use crate::outbox::ReportIdentity;
use crate::outbox::StoredPhoto;
use crate::outbox::delivery::Delivery;
use crate::outbox::filing::{self, NOT_REFUSED};
use crate::outbox::reports;
use crate::pages::report::{ReportForm, send_action};
use crate::session::{Session, use_session};
use crate::store::{IdempotencyKey, ReportId, StoreError};
use crate::user_message::UserMessage;

/// What the address leads to.
#[derive(Clone)]
enum Found {
    Refused(Box<Refused>),
    /// A report on its way, or already with the city.
    NotRefused,
    /// No report on this device has this id.
    Missing,
    /// The city no longer lists the report's kind of problem, so no form can be built for it.
    ServiceGone,
}

/// A refused report, with what its form is built from.
#[derive(Clone)]
struct Refused {
    report: OutboxReport,
    photos: Vec<StoredPhoto>,
    errors: Vec<ApiError>,
    service: Service,
    definition: Option<Arc<ServiceDefinition>>,
}

/// Why the report, or what its form needs, could not be read.
#[derive(Clone, Debug, thiserror::Error)]
enum FindError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Catalogue(#[from] Arc<CatalogueError>),
}

impl UserMessage for FindError {
    fn user_message(&self) -> String {
        match self {
            FindError::Store(error) => error.user_message(),
            FindError::Catalogue(error) => error.user_message(),
        }
    }
}

/// The page of the report named in the address.
#[component]
pub fn FixReport() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    // Read once: the page is not rebuilt when the sync changes other reports, which would
    // throw away what the person is typing.
    let found = LocalResource::new(move || {
        let id = params.read().get("id").and_then(|id| id.parse().ok());
        let session = session.clone();
        async move { find(&session, id).await }
    });
    view! {
        <section class="page report-service fix-report">
            <h1>"Fix your report"</h1>
            {loaded_view(found, "Reading the report…", |found| match found {
                Found::Refused(refused) => view! { <RefusedReport refused=*refused /> }.into_any(),
                Found::NotRefused => view! { <BackToOutbox sentence=NOT_REFUSED /> }.into_any(),
                Found::Missing => view! {
                    <BackToOutbox sentence="There is no such report on this device." />
                }
                .into_any(),
                Found::ServiceGone => view! {
                    <BackToOutbox sentence="The city no longer takes reports of this kind, so this one cannot be sent again." />
                }
                .into_any(),
            })}
        </section>
    }
}

/// Reads the report, then the service and questions its form needs.
async fn find(session: &Session, id: Option<ReportId>) -> Result<Found, FindError> {
    let Some(id) = id else {
        return Ok(Found::Missing);
    };
    let report = reports::get_report(&session.db, &id).await;
    let Some(report) = report? else {
        return Ok(Found::Missing);
    };
    let Delivery::NeedsAttention { errors } = report.delivery.clone() else {
        return Ok(Found::NotRefused);
    };
    let services = session.catalogue.services().await;
    let service = services
        .map_err(Arc::new)?
        .into_iter()
        .find(|service| service.service_code == report.draft.service_code);
    let Some(service) = service else {
        return Ok(Found::ServiceGone);
    };
    let definition = if service.metadata {
        let definition = session.catalogue.definition(&service.service_code).await;
        Some(Arc::new(definition.map_err(Arc::new)?))
    } else {
        None
    };
    let photos = reports::photos_of(&session.db, &report.id).await;
    Ok(Found::Refused(Box::new(Refused {
        photos: photos?,
        report,
        errors,
        service,
        definition,
    })))
}

/// What the city said, then the report's form as the person filed it.
#[component]
fn RefusedReport(refused: Refused) -> impl IntoView {
    let Refused {
        report,
        photos,
        errors,
        service,
        definition,
    } = refused;
    // The form's button replaces this report rather than filing a new one. The fix is given
    // its key now, so that however many taps send it, it goes out once.
    let identity = ReportIdentity {
        id: report.id.clone(),
        idempotency_key: IdempotencyKey::random(),
    };
    provide_context(send_action(|session, submission, photos| async move {
        filing::refile(&session, submission, &photos).await
    }));
    let jurisdiction_id = use_session().config.jurisdiction_id;
    view! {
        <p class="service-intro">{service.service_name.clone()}</p>
        <div class="city-refusal" role="alert" aria-labelledby="city-refusal-title">
            <h2 id="city-refusal-title">"The city could not accept this report"</h2>
            <ul>{errors.into_iter().map(|e| view! { <li>{e.description}</li> }).collect_view()}</ul>
            <p>"Change what it asks for below, then send the report again."</p>
        </div>
        <p class="back-link"><A href="/outbox">"Back to the outbox"</A></p>
        <ReportForm
            service
            definition
            jurisdiction_id
            identity
            refused=report.draft
            saved_photos=photos
        />
    }
}

/// A sentence saying why there is nothing to fix, and the way back.
#[component]
fn BackToOutbox(sentence: &'static str) -> impl IntoView {
    view! {
        <p>{sentence}</p>
        <p class="back-link"><A href="/outbox">"Back to the outbox"</A></p>
    }
}
