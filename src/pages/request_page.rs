//! `/reports/:id`: one request as the city describes it, with its timeline, kept up to date
//! while the page is open.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use open311::{ServiceRequest, ServiceRequestId, Timestamp};

use crate::components::loader::loaded_view;
use crate::components::photo::{DevicePhoto, ServerPhoto};
use crate::outbox::OutboxReport;
use crate::outbox::delivery::Delivery;
use crate::outbox::reports;
use crate::session::{Session, use_session};
use crate::store::StoreError;
use crate::time::local_datetime;
use crate::tracker::TrackedRequest;
use crate::tracker::TrackerSignals;
use crate::tracker::entries::status_label;
use crate::tracker::follow::Followed;
use crate::tracker::timeline::{Step, timeline};
use crate::user_message::UserMessage;

/// What the device knows of the request in the address.
#[derive(Clone)]
struct Known {
    tracked: Option<TrackedRequest>,
    /// The report this device filed for it, if it did.
    report: Option<OutboxReport>,
}

#[component]
pub fn RequestPage() -> impl IntoView {
    let session = use_session();
    let signals = expect_context::<TrackerSignals>();
    let params = use_params_map();
    let id = move || params.read().get("id").map(ServiceRequestId::new);
    let known = LocalResource::new(move || {
        // Re-read whenever a refresh changes a followed request: the page stays live.
        signals.revision.track();
        let (session, id) = (session.clone(), id());
        async move {
            match id {
                Some(id) => read(&session, &id).await.map(|known| Some((id, known))),
                None => Ok(None),
            }
        }
    });
    view! {
        <section class="page request-page">
            {loaded_view(
                known,
                "Reading the report…",
                |known| match known {
                    Some((id, known)) => view! { <Request id known /> }.into_any(),
                    None => view! { <h1>"No such request"</h1> }.into_any(),
                },
            )}
            <p class="back-link"><A href="/reports">"Back to My reports"</A></p>
        </section>
    }
}

/// Reads the request, and marks its changes as seen: the person is looking at them.
async fn read(session: &Session, id: &ServiceRequestId) -> Result<Known, StoreError> {
    let followed = session.tracker.mark_seen(id).await?;
    let report = reports::list_reports(&session.db).await?.into_iter().find(
        |report| matches!(&report.delivery, Delivery::Submitted { id: Some(filed) } if filed == id),
    );
    Ok(Known {
        tracked: followed,
        report,
    })
}

#[component]
fn Request(id: ServiceRequestId, known: Known) -> impl IntoView {
    let Some(tracked) = known.tracked else {
        return view! { <NotFollowed id /> }.into_any();
    };
    let request = tracked.request.clone().unwrap_or_default();
    let name = known
        .report
        .as_ref()
        .map(|r| r.service_name.clone())
        .or_else(|| request.service_name.clone())
        .unwrap_or_else(|| "Request".to_owned());
    let checked = tracked.refreshed_ms.map_or_else(
        || "Not checked with the city yet.".to_owned(),
        |ms| {
            format!(
                "Last checked {}.",
                local_datetime(i64::try_from(ms).unwrap_or(i64::MAX))
            )
        },
    );
    let status = status_label(tracked.request.as_ref());
    let photos = photos(&name, known.report.as_ref(), &request);
    let description = known
        .report
        .as_ref()
        .and_then(|r| r.draft.description.clone())
        .or_else(|| request.description.clone());
    view! {
        <h1>{name}</h1>
        <p class="request-number">{format!("Request {id}")}</p>
        <p class="status" role="status"><strong>{status}</strong></p>
        <p class="checked">{checked}</p>
        {description.map(|d| view! { <p class="description">{d}</p> })}
        <Details request=request.clone() />
        {photos}
        <Timeline steps=timeline(&request) />
        <StopFollowing id />
    }
    .into_any()
}

/// What the city says of who handles it, when, and where.
#[component]
fn Details(request: ServiceRequest) -> impl IntoView {
    let when = |t: &Option<Timestamp>| t.as_ref().map(|t| local_datetime(t.0.timestamp_millis()));
    let place = request.address.clone().or_else(|| {
        request
            .lat
            .zip(request.long)
            .map(|(lat, long)| format!("{lat:.5}, {long:.5}"))
    });
    let rows = [
        ("Filed", when(&request.requested_datetime)),
        ("Handled by", request.agency_responsible.clone()),
        ("Expected by", when(&request.expected_datetime)),
        ("Status notes", request.status_notes.clone()),
        ("City notice", request.service_notice.clone()),
        ("Where", place),
        ("Last changed", when(&request.updated_datetime)),
    ];
    view! {
        <dl class="request-details">
            {rows
                .into_iter()
                .filter_map(|(term, value)| Some(view! { <dt>{term}</dt><dd>{value?}</dd> }))
                .collect_view()}
        </dl>
    }
}

/// The photos: those this device took, or else the city's.
fn photos(
    name: &str,
    report: Option<&OutboxReport>,
    request: &ServiceRequest,
) -> impl IntoView + use<> {
    let alt = |n: usize| format!("Photo {n} of {name}");
    let shown = match report.filter(|r| !r.photo_ids.is_empty()) {
        Some(report) => report
            .photo_ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                view! { <li><DevicePhoto id=id.clone() alt=alt(i + 1) /></li> }.into_any()
            })
            .collect::<Vec<_>>(),
        None => {
            let extended = request
                .extended_attributes
                .iter()
                .flat_map(|e| e.photos.iter().map(|p| p.media_url.clone()))
                .filter(|url| !url.is_empty())
                .collect::<Vec<_>>();
            let urls = if extended.is_empty() {
                request
                    .first_photo_url()
                    .map(str::to_owned)
                    .into_iter()
                    .collect()
            } else {
                extended
            };
            urls.into_iter()
                .enumerate()
                .map(|(i, url)| view! { <li><ServerPhoto url alt=alt(i + 1) /></li> }.into_any())
                .collect()
        }
    };
    (!shown.is_empty())
        .then(|| view! { <ul class="request-photos" aria-label="Photos">{shown}</ul> })
}

#[component]
fn Timeline(steps: Vec<Step>) -> impl IntoView {
    if steps.is_empty() {
        return view! {
            <h2>"Timeline"</h2>
            <p>"The city has not said anything about this request yet."</p>
        }
        .into_any();
    }
    view! {
        <h2 id="timeline-heading">"Timeline"</h2>
        <ol class="timeline" aria-labelledby="timeline-heading">
            {steps
                .into_iter()
                .map(|step| {
                    let when = step.when.as_ref().map(|t| {
                        let iso = t.to_string();
                        view! { <time datetime=iso>{local_datetime(t.0.timestamp_millis())}</time> }
                    });
                    view! {
                        <li>
                            <p class="step"><strong>{step.label}</strong> " " {when}</p>
                            {step.summary.map(|s| view! { <p>{s}</p> })}
                            {step.description.map(|d| view! { <p class="step-description">{d}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

/// "Stop following": the request leaves My reports.
#[component]
fn StopFollowing(id: ServiceRequestId) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<String>);
    let stop = move |_| {
        let (session, navigate, id) = (session.clone(), navigate.clone(), id.clone());
        leptos::task::spawn_local(async move {
            match session.tracker.unfollow(&id).await {
                Ok(()) => {
                    navigate("/reports", NavigateOptions::default());
                }
                Err(error) => failure.set(Some(error.user_message())),
            }
        });
    };
    view! {
        <button type="button" class="button" on:click=stop>"Stop following"</button>
        <p role="alert">{move || failure.get()}</p>
    }
}

/// A request the person does not follow, with the way to follow it.
#[component]
fn NotFollowed(id: ServiceRequestId) -> impl IntoView {
    let session = use_session();
    let said = RwSignal::new(None::<String>);
    let title = format!("Request {id}");
    let follow_it = move |_| {
        let (session, id) = (session.clone(), id.clone());
        leptos::task::spawn_local(async move {
            let sentence = match session.tracker.follow(id.clone()).await {
                Ok(Followed::Unknown) => Some(format!("The city has no request {id}.")),
                Ok(_) => None,
                Err(error) => Some(error.user_message()),
            };
            said.set(sentence);
        });
    };
    view! {
        <h1>{title}</h1>
        <p>"You do not follow this request."</p>
        <button type="button" class="button" on:click=follow_it>"Follow this request"</button>
        <p role="status">{move || said.get()}</p>
    }
}
