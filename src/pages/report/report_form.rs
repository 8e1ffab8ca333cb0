//! The form for one service: its questions, the location, a description, photos and how to
//! reach the person; checked in full when they ask to review it.

use std::rc::Rc;
use std::sync::Arc;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use open311::{Draft, Field, JurisdictionId, Service, ServiceDefinition};

use super::autosave::Autosave;
use super::contact_section::ContactSection;
use super::form_state::FormState;
use super::journal;
use super::local_time::device_offset;
use super::location_section::{LocationSection, PhotoPlaceOffer};
use super::nearby_panel::{NearbyOnMap, NearbyPanel};
use super::photos::{PhotoSlot, PhotoTray};
use super::question::question_field;
use super::review_step::ReviewStep;
use super::send::SubmitReport;
use crate::components::form::error_summary::ErrorSummary;
use crate::components::form::field::FieldInfo;
use crate::components::form::text_area::TextArea;
use crate::outbox::ReportIdentity;
use crate::outbox::SavedDraft;
use crate::outbox::StoredPhoto;
use crate::outbox::drafts;
use crate::outbox::remembered_contact;
use crate::report::problems::{DESCRIPTION_ID, FormProblems};
use crate::report::questions::{FormItem, Questionnaire};
use crate::report::request::{FormValues, Target, build_draft, form_values, worth_keeping};
use crate::session::use_session;
use crate::time::now_ms;

/// The draft keeper of the form on screen, for the actions that end it (following another
/// request instead); absent on the fix screen, which keeps no draft.
#[derive(Clone, Copy)]
pub struct FormDraft {
    pub autosave: Autosave,
    pub identity: StoredValue<ReportIdentity>,
}

/// The report form for `service`, asking what `definition` asks (nothing without one). A valid
/// report goes to the [`SubmitReport`] in context, under `identity`.
#[component]
pub fn ReportForm(
    service: Service,
    definition: Option<Arc<ServiceDefinition>>,
    jurisdiction_id: Option<JurisdictionId>,
    /// Who the report is, whatever the number of taps on its button.
    identity: ReportIdentity,
    /// The draft of a report the city refused, when the person is fixing it: the form starts
    /// from what they filed, and sends it again.
    #[prop(optional)]
    refused: Option<Draft>,
    /// The draft the person chose to continue: the form starts from it.
    #[prop(optional_no_strip)]
    restored: Option<Draft>,
    /// The photos saved with that report, or with the draft.
    #[prop(optional)]
    saved_photos: Vec<StoredPhoto>,
) -> impl IntoView {
    let save_failure = expect_context::<SubmitReport>().failure;
    let questionnaire = Arc::new(Questionnaire::new(definition.as_deref()));
    let fixing = refused.is_some();
    let start = refused
        .as_ref()
        .or(restored.as_ref())
        .map(|draft| form_values(&questionnaire, draft))
        .unwrap_or_default();
    let problems = RwSignal::new(FormProblems::default());
    // A valid draft waiting for the person's last look; the form stays (hidden) meanwhile, so
    // "Change the report" returns to it as it was.
    let reviewing = RwSignal::new(None::<Draft>);
    let attempts = RwSignal::new(0_u32);
    let error_for = move |field: Field| {
        Signal::derive(move || problems.with(|problems| problems.message_for(&field)))
    };

    let mut answers = Vec::new();
    let items = questionnaire
        .items()
        .iter()
        .map(|item| match item {
            FormItem::Question(question) => {
                let error = error_for(Field::Attribute(question.code.clone()));
                let (view, value) =
                    question_field(question, start.answers.get(&question.code), error);
                answers.push((question.code.clone(), value));
                view
            }
            FormItem::Notice(text) => view! {
                <div class="notice" role="note"><p>{text.clone()}</p></div>
            }
            .into_any(),
        })
        .collect_view();

    let form = FormState::new(answers, &start);
    let FormState {
        location,
        address,
        nearest,
        description,
        contact,
        ..
    } = form.clone();
    // A fixed report keeps the details it was filed with, blanks included; so does a draft.
    if refused.is_none() && restored.is_none() {
        let db = use_session().db;
        leptos::task::spawn_local(async move {
            if let Ok(Some(kept)) = remembered_contact::get_contact(&db).await {
                contact.remember(&kept);
            }
        });
    }

    // A location from the device settles the location's problem without waiting for the
    // next attempt, so the summary and the address field stop asking for it.
    Effect::new(move |_| {
        if location.with(|state| state.point().is_some())
            && problems.with_untracked(|problems| problems.message_for(&Field::Location).is_some())
        {
            problems.update(|problems| problems.resolve(&Field::Location));
        }
    });
    let summary_links = {
        let questionnaire = questionnaire.clone();
        Signal::derive(move || problems.with(|problems| problems.links(&questionnaire)))
    };
    // Values as the request they make.
    let draft_of = {
        let questionnaire = questionnaire.clone();
        let (service_code, jurisdiction_id) =
            (service.service_code.clone(), jurisdiction_id.clone());
        move |values: FormValues| {
            let target = Target {
                service_code: &service_code,
                jurisdiction_id: jurisdiction_id.as_ref(),
                questionnaire: &questionnaire,
            };
            build_draft(target, &values, device_offset)
        }
    };
    // The form as typed, as a draft keeps it.
    let current_draft = {
        let (form, draft_of) = (form.clone(), draft_of.clone());
        move || draft_of(form.values())
    };
    let identity = StoredValue::new(identity);
    // A new report is kept on the device as it is written; a fix is the outbox's already.
    if !fixing {
        let autosave = keep_draft(identity.get_value(), &service, current_draft.clone());
        let form = form.clone();
        Effect::new(move |seen: Option<usize>| {
            form.track();
            let photos_ready = expect_context::<PhotoTray>().track_ready();
            match seen {
                // The form as it opened is nothing new.
                None => {}
                Some(before) if photos_ready != before => autosave.now(),
                Some(_) => autosave.changed(),
            }
            photos_ready
        });
        provide_context(FormDraft { autosave, identity });
    }
    // A refused report is already filed: there is nothing to follow instead.
    let nearby = (!fixing).then(|| {
        provide_context(NearbyOnMap::default());
        view! { <NearbyPanel service=service.service_code.clone() location /> }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = draft_of(form.values_to_send());
        match open311::validate(&draft, definition.as_deref()) {
            Ok(()) => {
                problems.set(FormProblems::default());
                save_failure.set(None);
                reviewing.set(Some(draft));
            }
            Err(found) => {
                problems.set(FormProblems::new(found, &draft));
                attempts.update(|n| *n += 1);
            }
        }
    };

    let send_label = if fixing {
        "Send again"
    } else {
        "Submit report"
    };
    let review = {
        let service_name = service.service_name.clone();
        move || {
            let draft = reviewing.get()?;
            Some(view! {
                <ReviewStep
                    questionnaire=questionnaire.clone()
                    draft
                    service_name=service_name.clone()
                    identity=identity.get_value()
                    send_label
                    on_change=Callback::new(move |()| reviewing.set(None))
                />
            })
        }
    };
    let photos = view! {
        <section class="form-section" aria-labelledby="photos-heading">
            <h2 id="photos-heading">"Photos"</h2>
            <PhotoSlot saved=saved_photos fixing />
            <PhotoPlaceOffer location />
        </section>
    };
    let description_info = FieldInfo {
        id: DESCRIPTION_ID.to_owned(),
        label: "Describe the problem".to_owned(),
        hint: Some("Optional. What is wrong, and anything that helps the crew find it.".to_owned()),
        required: false,
        error: error_for(Field::Description),
    };
    view! {
        <form
            class="report-form"
            novalidate
            on:submit=on_submit
            hidden=move || reviewing.with(Option::is_some)
        >
            <ErrorSummary links=summary_links attempt=attempts.into() />
            {items}
            <LocationSection location address nearest error=error_for(Field::Location) />
            {nearby}
            <TextArea info=description_info value=description limit=open311::MAX_DESCRIPTION />
            {photos}
            <ContactSection values=contact error_for />
            <button type="submit" class="button primary submit">"Review report"</button>
        </form>
        {review}
    }
}

/// Saves the form's draft (read by `current`) under `identity` whenever [`Autosave`] says so,
/// noting it in the journal at every change.
fn keep_draft(
    identity: ReportIdentity,
    service: &Service,
    current: impl Fn() -> Draft + 'static,
) -> Autosave {
    let db = use_session().db;
    let tray = expect_context::<PhotoTray>();
    let (service_code, service_name) = (service.service_code.clone(), service.service_name.clone());
    // The draft as it stands with its photos; None when nothing about the problem is given.
    let snapshot = Rc::new({
        let identity = identity.clone();
        move || {
            let photos = tray.ready_so_far();
            let written = current();
            worth_keeping(&written, photos.len()).then(|| {
                let draft = SavedDraft {
                    id: identity.id.clone(),
                    idempotency_key: identity.idempotency_key.clone(),
                    service_code: service_code.clone(),
                    service_name: service_name.clone(),
                    draft: written,
                    photo_ids: photos.iter().map(|p| p.id.clone()).collect(),
                    saved_ms: now_ms(),
                };
                (draft, photos)
            })
        }
    });
    let note = {
        let (snapshot, id) = (snapshot.clone(), identity.id.clone());
        move || match snapshot() {
            Some((draft, _)) => journal::note(&draft),
            None => journal::forget(&id),
        }
    };
    let save = move || {
        let db = db.clone();
        let Some((draft, photos)) = snapshot() else {
            // Everything was cleared again: no draft to offer.
            let id = identity.id.clone();
            leptos::task::spawn_local(async move {
                let _ = journal::discard(&db, &id).await;
            });
            return;
        };
        let photos: Vec<StoredPhoto> = photos
            .iter()
            .map(|p| StoredPhoto::jpeg(p.id.clone(), identity.id.clone(), &p.photo))
            .collect();
        leptos::task::spawn_local(async move {
            // A draft that cannot be kept (storage full) leaves the form as it is: the person
            // can still submit, and the outbox says why if that fails too.
            let _ = drafts::save_draft(&db, &draft, &photos).await;
        });
    };
    Autosave::new(save, note)
}
