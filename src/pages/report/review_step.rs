//! The review step: the report as it will be sent, with the choice to send it or go back and
//! change it. What it lists is [`crate::report::review`]'s.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use open311::Draft;

use super::photos::PhotoTray;
use super::send::SubmitReport;
use crate::outbox::ReportIdentity;
use crate::outbox::filing::Submission;
use crate::report::questions::Questionnaire;
use crate::report::review::{photos_line, review_lines};

/// The review of `draft`, a valid report: sending it goes to the [`SubmitReport`] in context,
/// under `identity`, with the photos of the tray in context.
#[component]
pub fn ReviewStep(
    questionnaire: Arc<Questionnaire>,
    draft: Draft,
    service_name: String,
    identity: ReportIdentity,
    send_label: &'static str,
    on_change: Callback<()>,
) -> impl IntoView {
    let SubmitReport { send, failure } = expect_context();
    let lines = review_lines(&questionnaire, &draft);
    let photos = photos_line(expect_context::<PhotoTray>().counted());
    let heading = NodeRef::<html::H2>::new();
    // Moving focus tells screen readers the page changed, and starts keyboard users here.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let on_send = {
        let service_name = service_name.clone();
        move |_| {
            send.run(Submission {
                identity: identity.clone(),
                draft: draft.clone(),
                service_name: service_name.clone(),
            })
        }
    };
    view! {
        <section class="review" aria-labelledby="review-heading">
            <h2 id="review-heading" tabindex="-1" node_ref=heading>
                "Check your report"
            </h2>
            <dl>
                <dt>"Problem"</dt>
                <dd>{service_name}</dd>
                {lines
                    .into_iter()
                    .map(|line| view! { <dt>{line.label}</dt><dd>{line.value}</dd> })
                    .collect_view()}
                <dt>"Photos"</dt>
                <dd>{photos}</dd>
            </dl>
            {move || failure.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
            <div class="review-actions">
                <button type="button" class="button primary" on:click=on_send>
                    {send_label}
                </button>
                <button type="button" class="button" on:click=move |_| on_change.run(())>
                    "Change the report"
                </button>
            </div>
        </section>
    }
}
