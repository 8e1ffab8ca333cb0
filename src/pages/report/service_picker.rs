//! `/report`: choosing the kind of problem, by group or by searching.

use std::sync::Arc;

use leptos::prelude::*;
use open311::Service;

use leptos::task::spawn_local;

use super::journal;
use super::section::{Services, ServicesResource};
use super::service_page::{DRAFT_PARAM, draft_question};
use crate::components::loader::loaded_view;
use crate::outbox::SavedDraft;
use crate::paths::service_path;
use crate::report::search::{Query, grouped};
use crate::session::use_session;

/// The page listing the city's services.
#[component]
pub fn ServicePicker() -> impl IntoView {
    let ServicesResource(catalogue) = expect_context();
    view! {
        <section class="page report-picker">
            <h1>"Report a problem"</h1>
            <KeptDrafts />
            <p>"Choose the kind of problem. You can then answer a few questions, add photos and say where it is."</p>
            {loaded_view(catalogue, "Loading the city's services…", |catalogue| {
                view! { <ServiceSearch catalogue /> }
            })}
        </section>
    }
}

/// Reports begun and not sent, each offered to continue or to start over.
#[component]
fn KeptDrafts() -> impl IntoView {
    let db = StoredValue::new_local(use_session().db);
    let kept = RwSignal::new(Vec::<SavedDraft>::new());
    {
        let db = db.get_value();
        spawn_local(async move {
            // Unreadable drafts are not offered; each form still offers its own.
            if let Ok(drafts) = journal::kept_drafts(&db).await {
                kept.try_set(drafts);
            }
        });
    }
    let offer = move |draft: SavedDraft| {
        let href = format!(
            "{}?{DRAFT_PARAM}={}",
            service_path(&draft.service_code),
            draft.id
        );
        let question = draft_question(&draft);
        let name = draft.service_name.clone();
        let start_over = move |_| {
            let (db, id) = (db.get_value(), draft.id.clone());
            spawn_local(async move {
                if journal::discard(&db, &id).await.is_ok() {
                    kept.update(|kept| kept.retain(|d| d.id != id));
                }
            });
        };
        view! {
            <li class="draft-offer">
                <p>{question}</p>
                // Named in full for screen readers: the list may offer several.
                <div class="review-actions">
                    <a class="button primary" href=href>
                        "Continue"<span class="visually-hidden">{format!(" your {name} report")}</span>
                    </a>
                    <button type="button" class="button" on:click=start_over>
                        "Start over"<span class="visually-hidden">{format!(" on your {name} report")}</span>
                    </button>
                </div>
            </li>
        }
    };
    move || {
        let drafts = kept.get();
        (!drafts.is_empty()).then(|| {
            view! {
                <section class="kept-drafts" aria-labelledby="kept-drafts-heading">
                    <h2 id="kept-drafts-heading">"Reports you began"</h2>
                    <ul>{drafts.into_iter().map(offer).collect_view()}</ul>
                </section>
            }
        })
    }
}

/// The search box and the services it leaves, by group.
#[component]
fn ServiceSearch(catalogue: Arc<Services>) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let query = Memo::new(move |_| typed.with(|typed| Query::new(typed)));
    let count = {
        let catalogue = catalogue.clone();
        Memo::new(move |_| {
            query.with(|query| catalogue.0.iter().filter(|s| query.matches(s)).count())
        })
    };
    let results = move || {
        let query = query.get();
        let mut position = 0;
        grouped(&catalogue.0, &query)
            .into_iter()
            .enumerate()
            .map(|(index, group)| {
                let heading_id = format!("service-group-{index}");
                let items = group
                    .services
                    .into_iter()
                    .map(|service| {
                        position += 1;
                        service_item(service, position)
                    })
                    .collect_view();
                let labelled_by = heading_id.clone();
                view! {
                    <section class="service-group" aria-labelledby=labelled_by>
                        <h2 id=heading_id>{group.name.to_owned()}</h2>
                        <ul class="service-list">{items}</ul>
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <div class="service-search">
            <label for="service-search" class="field-label">"Search for a problem"</label>
            <p id="service-search-hint" class="field-hint">"For example: pothole, graffiti, rats"</p>
            <input
                id="service-search"
                class="input"
                type="search"
                autocomplete="off"
                aria-describedby="service-search-hint"
                aria-controls="service-results"
                bind:value=typed
            />
        </div>
        <p class="search-result" role="status">
            {move || query.with(|query| query.result_sentence(count.get()))}
        </p>
        <div id="service-results">{results}</div>
    }
}

/// A service as a link to its form; the description is read after the name.
fn service_item(service: &Service, position: usize) -> impl IntoView + use<> {
    let description_id = format!("service-{position}-description");
    let description = service
        .description
        .as_deref()
        .map(str::trim)
        .filter(|description| !description.is_empty())
        .map(str::to_owned);
    view! {
        <li class="service-card">
            <a
                href=service_path(&service.service_code)
                aria-describedby=description.as_ref().map(|_| description_id.clone())
            >
                {service.service_name.clone()}
            </a>
            {description.map(|description| {
                view! { <p id=description_id class="service-description">{description}</p> }
            })}
        </li>
    }
}
