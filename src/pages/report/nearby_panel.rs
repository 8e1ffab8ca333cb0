//! "Open reports nearby": once a new report has a place, the open requests of its service
//! around it, each with a way to follow it instead of filing the problem again.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use open311::{ServiceCode, ServiceRequestId};

use super::journal;
use super::location_section::LocationState;
use super::photos::PhotoTray;
use super::report_form::FormDraft;
use crate::components::form::error_summary::focus_field;
use crate::components::photo::ServerPhoto;
use crate::geography::Point;
use crate::nearby::distance::moved;
use crate::nearby::offered::Listing;
use crate::nearby::{NearbyRequest, look_up};
use crate::paths::request_path;
use crate::report::problems::DESCRIPTION_ID;
use crate::session::SessionHandle;
use crate::time::now_ms;
use crate::user_message::UserMessage;

/// Where the check for the current place has got to, in the words the panel shows.
#[derive(Clone)]
enum Check {
    Checking,
    Found {
        listing: Listing,
        /// Said when an earlier check stands in for the server's answer.
        stale: Option<String>,
    },
    Failed(String),
}

impl Check {
    fn status(&self) -> String {
        match self {
            Check::Checking => "Checking for reports nearby…".to_owned(),
            Check::Found { listing, .. } => listing.summary(),
            Check::Failed(message) => message.clone(),
        }
    }
}

/// The requests the panel lists, for the map to mark: provided by the form, filled by the
/// panel.
#[derive(Clone, Copy, Default)]
pub struct NearbyOnMap(pub RwSignal<Vec<NearbyRequest>>);

/// The panel for the report of `service` at the place in `location`. It checks again only when
/// the place moves meaningfully, and never stands in the way of filing the report.
#[component]
pub fn NearbyPanel(service: ServiceCode, location: RwSignal<LocationState>) -> impl IntoView {
    let session = expect_context::<SessionHandle>();
    let point = Memo::new(move |_| location.with(|state| state.point()));
    let check = RwSignal::new(Check::Checking);
    // The place the last check was for; a newer place makes its answer moot.
    let checked_at = StoredValue::new(None::<Point>);
    // "Mine is different" was said at this place.
    let dismissed = RwSignal::new(None::<Point>);

    Effect::new(move |_| {
        let Some(at) = point.get() else { return };
        if checked_at.get_value().is_some_and(|last| !moved(last, at)) {
            return;
        }
        checked_at.set_value(Some(at));
        check.set(Check::Checking);
        let service = service.clone();
        spawn_local(async move {
            let session = session.get();
            let radius = session.config.nearby_radius;
            let endpoints = session.catalogue.endpoints().await;
            let outcome = look_up(&session.db, &endpoints, &service, at, radius).await;
            // The person may have moved, or left the form, while the server answered.
            if checked_at.try_get_value() != Some(Some(at)) {
                return;
            }
            let reached_server = matches!(&outcome, Ok(findings) if findings.stale.is_none());
            check.try_set(match outcome {
                Ok(findings) => Check::Found {
                    listing: Listing::nearest(&findings.area.requests, &service, at, radius),
                    stale: findings
                        .stale
                        .map(|why| why.stale_line(findings.area.fetched_ms, now_ms())),
                },
                Err(error) => Check::Failed(error.user_message()),
            });
            // A check the server did not answer is made again when the person next asks for
            // their location, even from the same spot.
            if !reached_server {
                checked_at.try_set_value(None);
            }
        });
    });

    let shown = move || {
        point.get().is_some_and(|at| {
            dismissed
                .get()
                .is_none_or(|dismissed_at| moved(dismissed_at, at))
        })
    };
    let follow_failure = RwSignal::new(None::<String>);
    let on_follow = follow_instead(session, follow_failure);
    let mine_is_different = move |_| {
        dismissed.set(point.get_untracked());
        focus_field(DESCRIPTION_ID);
    };
    let found = move || {
        check.with(|check| match check {
            Check::Found { listing, stale } => Some((listing.shown.clone(), stale.clone())),
            _ => None,
        })
    };
    // The map marks what the list shows, and nothing once the person said theirs is different.
    if let Some(NearbyOnMap(marked)) = use_context::<NearbyOnMap>() {
        Effect::new(move |_| {
            let requests = if shown() {
                found().map(|(requests, _)| requests).unwrap_or_default()
            } else {
                Vec::new()
            };
            marked.set(requests);
        });
    }
    let list = move || {
        found().map(|(requests, stale)| {
            let now = now_ms();
            let offered = (!requests.is_empty()).then(|| {
                view! {
                    <p class="field-hint">
                        "If one of these is your problem, follow it instead: the city already knows."
                    </p>
                    <ul class="report-list">
                        {requests
                            .into_iter()
                            .map(|request| view! { <NearbyItem request now on_follow /> })
                            .collect_view()}
                    </ul>
                    <button type="button" class="button" on:click=mine_is_different>
                        "Mine is different"
                    </button>
                }
            });
            view! {
                {stale.map(|line| view! { <p class="nearby-stale">{line}</p> })}
                {offered}
            }
        })
    };
    view! {
        <Show when=shown>
            <section class="form-section nearby" aria-labelledby="nearby-heading">
                <h2 id="nearby-heading">"Open reports nearby"</h2>
                <p class="nearby-status" role="status">{move || check.with(Check::status)}</p>
                {list}
                {move || {
                    follow_failure
                        .get()
                        .map(|message| view! { <p class="error" role="alert">{message}</p> })
                }}
            </section>
        </Show>
    }
}

/// "Follow this one instead": the request joins "My reports", the photos taken for the report
/// are let go, nothing is filed, and the tracker's page of the request opens.
pub(super) fn follow_instead(
    session: SessionHandle,
    failure: RwSignal<Option<String>>,
) -> Callback<ServiceRequestId> {
    let navigate = use_navigate();
    let photos = expect_context::<PhotoTray>();
    let form_draft = use_context::<FormDraft>();
    Callback::new(move |id: ServiceRequestId| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let session = session.get();
            // Its status and notes are fetched at once, not at the tracker's next turn.
            match session.tracker.follow_listed(&id).await {
                Ok(()) => {
                    // Nothing is filed, so nothing of this report is kept to continue later.
                    if let Some(FormDraft { autosave, identity }) = form_draft {
                        autosave.stop();
                        let _ = journal::discard(&session.db, &identity.get_value().id).await;
                    }
                    photos.clear();
                    navigate(&request_path(&id), NavigateOptions::default());
                }
                Err(error) => failure.set(Some(error.user_message())),
            }
        });
    })
}

/// One open request nearby: how far, how old, its status, what was said and its first photo.
#[component]
pub(super) fn NearbyItem(
    request: NearbyRequest,
    /// The moment ages are counted to.
    now: u64,
    on_follow: Callback<ServiceRequestId>,
) -> impl IntoView {
    let photo = request.photo_url.clone().map(|url| {
        let alt = format!("Photo of request {}", request.id);
        view! { <ServerPhoto url alt class="nearby-photo" /> }
    });
    let meta = [
        Some(format!("Request {}", request.id)),
        request.age_text(now),
        Some(request.status_text()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let id = request.id.clone();
    view! {
        <li class="report-item nearby-item">
            {photo}
            <p class="nearby-distance">{request.distance_text()}</p>
            <p class="meta">{meta}</p>
            {request.description.clone().map(|text| view! { <p class="description">{text}</p> })}
            <button type="button" class="button" on:click=move |_| on_follow.run(id.clone())>
                "Follow this one instead"
                <span class="visually-hidden">{format!(" (request {})", request.id)}</span>
            </button>
        </li>
    }
}
