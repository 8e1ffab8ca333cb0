//! `/report/:code`: the form for one kind of problem.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use open311::{Draft, Service, ServiceCode, ServiceDefinition};

use super::journal;
use super::report_form::ReportForm;
use super::section::ServicesResource;
use crate::components::loader::loaded_view;
use crate::outbox::ReportIdentity;
use crate::outbox::SavedDraft;
use crate::outbox::StoredPhoto;
use crate::outbox::drafts;
use crate::session::use_session;
use crate::store::Db;
use crate::time::local_moment_short;

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
            {loaded_view(catalogue, "Loading the city's services…", move |catalogue| {
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

/// How the form opens: blank under a new identity, or as the draft the person continues.
#[derive(Clone)]
struct FormStart {
    identity: ReportIdentity,
    restored: Option<Draft>,
    photos: Vec<StoredPhoto>,
}

impl FormStart {
    fn blank() -> Self {
        FormStart {
            identity: ReportIdentity::random(),
            restored: None,
            photos: Vec::new(),
        }
    }
}

/// Where opening the form has got to.
#[derive(Clone)]
enum Opening {
    Reading,
    /// A draft of this service's report is kept: continue it, or start over?
    Offer(SavedDraft),
    Open(FormStart),
}

/// The query parameter by which "Continue" on the report screen names the draft to restore.
pub const DRAFT_PARAM: &str = "draft";

/// The service's description and its form, once its questions are known.
#[component]
fn ServiceReport(service: Service) -> impl IntoView {
    let intro = service
        .description
        .clone()
        .map(|text| view! { <p class="service-intro">{text}</p> });
    let session = use_session();
    let opening = RwSignal::new(Opening::Reading);
    {
        let (db, code) = (session.db.clone(), service.service_code.clone());
        let chosen = use_query_map().with_untracked(|q| q.get(DRAFT_PARAM));
        spawn_local(async move {
            let next = match journal::kept_draft_for(&db, &code).await {
                Ok(Some(kept)) if chosen.as_deref() == Some(kept.id.as_str()) => {
                    Opening::Open(restore(&db, kept).await)
                }
                Ok(Some(kept)) => Opening::Offer(kept),
                // Nothing kept, or nothing readable: the form opens blank.
                Ok(None) | Err(_) => Opening::Open(FormStart::blank()),
            };
            opening.try_set(next);
        });
    }
    let form = {
        let service = service.clone();
        move || match opening.get() {
            Opening::Reading => ().into_any(),
            Opening::Offer(kept) => view! { <DraftOffer kept opening /> }.into_any(),
            Opening::Open(start) => {
                view! { <ServiceForm service=service.clone() start /> }.into_any()
            }
        }
    };
    view! {
        {intro}
        <p class="back-link"><A href="/report">"Choose a different problem"</A></p>
        {form}
    }
}

/// The kept draft with its photos, to fill the form with.
async fn restore(db: &Db, kept: SavedDraft) -> FormStart {
    // Photos that cannot be read are left out rather than losing the rest of the draft.
    let photos = drafts::draft_photos(db, &kept.id).await.unwrap_or_default();
    FormStart {
        identity: kept.identity(),
        restored: Some(kept.draft),
        photos,
    }
}

/// "Continue your Pothole report from 12:41?", with "Start over".
#[component]
fn DraftOffer(kept: SavedDraft, opening: RwSignal<Opening>) -> impl IntoView {
    let db = use_session().db;
    let question = draft_question(&kept);
    let busy = RwSignal::new(false);
    let go_on = {
        let (db, kept) = (db.clone(), kept.clone());
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let (db, kept) = (db.clone(), kept.clone());
            spawn_local(async move {
                opening.try_set(Opening::Open(restore(&db, kept).await));
            });
        }
    };
    let start_over = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let (db, id) = (db.clone(), kept.id.clone());
        spawn_local(async move {
            // A draft that cannot be deleted is offered again next time; the form opens anyway.
            let _ = journal::discard(&db, &id).await;
            opening.try_set(Opening::Open(FormStart::blank()));
        });
    };
    view! {
        <section class="draft-offer" aria-labelledby="draft-offer-question">
            <h2 id="draft-offer-question">{question}</h2>
            <p>"What you wrote and your photos are kept on this device."</p>
            <div class="review-actions">
                <button type="button" class="button primary" on:click=go_on>"Continue"</button>
                <button type="button" class="button" on:click=start_over>"Start over"</button>
            </div>
        </section>
    }
}

/// The question offering a kept draft.
pub fn draft_question(kept: &SavedDraft) -> String {
    let saved = i64::try_from(kept.saved_ms).unwrap_or(i64::MAX);
    format!(
        "Continue your {} report from {}?",
        kept.service_name,
        local_moment_short(saved)
    )
}

/// The form, once the service's questions are known.
#[component]
fn ServiceForm(service: Service, start: FormStart) -> impl IntoView {
    let session = use_session();
    let jurisdiction_id = session.config.jurisdiction_id.clone();
    let FormStart {
        identity,
        restored,
        photos,
    } = start;
    if service.metadata {
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
                        .map_err(Arc::new)
                }
            })
        };
        loaded_view(
            definition,
            "Loading the questions…",
            move |definition: Arc<ServiceDefinition>| {
                view! {
                    <ReportForm
                        service=service.clone()
                        definition=Some(definition)
                        jurisdiction_id=jurisdiction_id.clone()
                        identity=identity.clone()
                        restored=restored.clone()
                        saved_photos=photos.clone()
                    />
                }
            },
        )
        .into_any()
    } else {
        view! {
            <ReportForm
                service
                definition=None
                jurisdiction_id
                identity
                restored
                saved_photos=photos
            />
        }
        .into_any()
    }
}
