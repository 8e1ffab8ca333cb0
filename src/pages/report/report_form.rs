//! The form for one service: its questions, the location, a description, photos and how to
//! reach the person; checked in full when they ask to review it.

use std::sync::Arc;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use open311::{AttributeCode, Draft, Field, JurisdictionId, Service, ServiceDefinition};

use super::SubmitReport;
use super::contact_section::{ContactSection, ContactValues};
use super::draft::{FormValues, Target, build_draft, form_values};
use super::fields::{FormItem, Questionnaire};
use super::local_time::device_offset;
use super::location_section::{LocationSection, LocationState};
use super::nearby_panel::NearbyPanel;
use super::photos::{PhotoSlot, PhotoTray};
use super::problems::{DESCRIPTION_ID, FormProblems};
use super::question::{AnswerValue, question_field};
use super::review::{Review, review_lines};
use crate::components::form::error_summary::ErrorSummary;
use crate::components::form::field::FieldInfo;
use crate::components::form::text_area::TextArea;
use crate::session::use_session;
use crate::store::{StoredPhoto, settings};

/// The GeoReport v2 limit on a description, in characters.
const DESCRIPTION_LIMIT: usize = 4_000;

/// The report form for `service`, asking what `definition` asks (nothing without one). A valid
/// report goes to the [`SubmitReport`] in context.
#[component]
pub fn ReportForm(
    service: Service,
    definition: Option<Arc<ServiceDefinition>>,
    jurisdiction_id: Option<JurisdictionId>,
    /// The draft of a report the city refused, when the person is fixing it: the form starts
    /// from what they filed, and sends it again.
    #[prop(optional)]
    refused: Option<Draft>,
    /// The photos saved with that report.
    #[prop(optional)]
    saved_photos: Vec<StoredPhoto>,
) -> impl IntoView {
    let SubmitReport(submit, save_failure) = expect_context();
    let questionnaire = Arc::new(Questionnaire::new(definition.as_deref()));
    let start = refused
        .as_ref()
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

    let mut answers: Vec<(AttributeCode, AnswerValue)> = Vec::new();
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

    let location = RwSignal::new(
        start
            .point
            .map_or_else(LocationState::default, LocationState::Saved),
    );
    let address = RwSignal::new(start.address.clone());
    let description = RwSignal::new(start.description.clone());
    let contact = ContactValues::new(&start);
    // A fixed report keeps the details it was filed with, blanks included.
    if refused.is_none() {
        let db = use_session().db;
        leptos::task::spawn_local(async move {
            if let Ok(Some(kept)) = settings::get_contact(&db).await {
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
    // A refused report is already filed: there is nothing to follow instead.
    let nearby = refused.is_none().then(|| {
        view! { <NearbyPanel service=service.service_code.clone() location /> }
    });
    let questionnaire_for_review = questionnaire.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let values = FormValues {
            answers: answers
                .iter()
                .map(|(code, value)| (code.clone(), value.entry()))
                .collect(),
            point: location.get_untracked().point(),
            address: address.get_untracked(),
            description: description.get_untracked(),
            first_name: contact.first_name.get_untracked(),
            last_name: contact.last_name.get_untracked(),
            email: contact.email.get_untracked(),
            phone: contact.phone.get_untracked(),
        };
        let target = Target {
            service_code: &service.service_code,
            jurisdiction_id: jurisdiction_id.as_ref(),
            questionnaire: &questionnaire,
        };
        let draft = build_draft(target, &values, device_offset);
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

    let send_label = if refused.is_some() {
        "Send again"
    } else {
        "Submit report"
    };
    let service_name = service.service_name.clone();
    let review = move || {
        let draft = reviewing.get()?;
        let lines = review_lines(&questionnaire_for_review, &draft);
        let photos = match expect_context::<PhotoTray>().counted() {
            0 => "None".to_owned(),
            1 => "1 photo".to_owned(),
            n => format!("{n} photos"),
        };
        let name = service_name.clone();
        let on_send = Callback::new(move |()| submit.run((draft.clone(), name.clone())));
        Some(view! {
            <Review
                service_name=service_name.clone()
                lines
                photos
                send_label
                on_send
                on_change=Callback::new(move |()| reviewing.set(None))
                failure=save_failure
            />
        })
    };
    let photos = view! {
        <section class="form-section" aria-labelledby="photos-heading">
            <h2 id="photos-heading">"Photos"</h2>
            <PhotoSlot saved=saved_photos />
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
            <LocationSection location address error=error_for(Field::Location) />
            {nearby}
            <TextArea info=description_info value=description limit=DESCRIPTION_LIMIT />
            {photos}
            <ContactSection values=contact error_for />
            <button type="submit" class="button primary submit">"Review report"</button>
        </form>
        {review}
    }
}
