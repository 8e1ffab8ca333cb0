//! `/report/:code`: the form for one kind of problem.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use open311::{Service, ServiceCode, ServiceDefinition};

use super::catalogue::ServicesResource;
use super::report_form::ReportForm;
use crate::components::remote::remote_view;
use crate::session::use_session;

/// The page of the service named in the address.
#[component]
pub fn ServicePage() -> impl IntoView {
    let ServicesResource(catalogue) = expect_context();
    let params = use_params_map();
    let code = Memo::new(move |_| ServiceCode::new(params.read().get("code").unwrap_or_default()));
    // The service's name once it is known; until then, and for an unknown code, the page's.
    let title = move || {
        let code = code.get();
        catalogue
            .get()
            .and_then(Result::ok)
            .and_then(|catalogue| catalogue.service(&code).map(|s| s.service_name.clone()))
            .unwrap_or_else(|| "Report a problem".to_owned())
    };
    view! {
        <section class="page report-service">
            <h1>{title}</h1>
            {remote_view(catalogue, "Loading the city's services…", move |catalogue| {
                move || {
                    let code = code.get();
                    match catalogue.service(&code) {
                        Some(service) => view! {
                            <ServiceReport service=service.clone() />
                        }
                        .into_any(),
                        None => view! {
                            <p>"This kind of problem is not on the city's list."</p>
                            <p><A href="/report">"Choose the kind of problem"</A></p>
                        }
                        .into_any(),
                    }
                }
            })}
        </section>
    }
}

/// The service's description and its form, once its questions are known.
#[component]
fn ServiceReport(service: Service) -> impl IntoView {
    let intro = service
        .description
        .clone()
        .map(|text| view! { <p class="service-intro">{text}</p> });
    let session = use_session();
    let jurisdiction_id = session.config.jurisdiction_id.clone();
    let form = if service.metadata {
        let definition = {
            let catalogue = session.catalogue.clone();
            let code = service.service_code.clone();
            LocalResource::new(move || {
                let (catalogue, code) = (catalogue.clone(), code.clone());
                async move {
                    catalogue
                        .definition(&code)
                        .await
                        .map(Arc::new)
                        .map_err(|e| e.user_message())
                }
            })
        };
        remote_view(
            definition,
            "Loading the questions…",
            move |definition: Arc<ServiceDefinition>| {
                view! {
                    <ReportForm
                        service=service.clone()
                        definition=Some(definition)
                        jurisdiction_id=jurisdiction_id.clone()
                    />
                }
            },
        )
        .into_any()
    } else {
        view! { <ReportForm service definition=None jurisdiction_id /> }.into_any()
    };
    view! {
        {intro}
        <p class="back-link"><A href="/report">"Choose a different problem"</A></p>
        {form}
    }
}
