//! `/reports`: the service tracker, every report sent from this device and every request the
//! person follows, with its status and the city's latest note.

use leptos::prelude::*;
use leptos_router::components::A;
use open311::ServiceRequestId;

use crate::components::loader::loaded_view;
use crate::components::photo::{DevicePhoto, ServerPhoto};
use crate::outbox::reports;
use crate::paths::request_path;
use crate::platform::features;
use crate::session::{SyncSignals, use_session};
use crate::store::StoreError;
use crate::time::local_datetime;
use crate::tracker::TrackerSignals;
use crate::tracker::entries::{Entry, Photo, entries};
use crate::tracker::follow::Followed;
use crate::tracker::followed;
use crate::tracker::notify::{self, Permission};
use crate::user_message::UserMessage;

/// The list, and when the statuses in it were last checked.
#[derive(Clone)]
struct Listed {
    entries: Vec<Entry>,
    checked_ms: Option<u64>,
}

/// The tracker's list.
#[component]
pub fn MyReports() -> impl IntoView {
    let session = use_session();
    let signals = expect_context::<TrackerSignals>();
    let sync_revision = expect_context::<SyncSignals>().revision;
    let db = session.db.clone();
    let listed = LocalResource::new(move || {
        // Sent reports join the list as they are sent; statuses change as they are refreshed.
        sync_revision.track();
        signals.revision.track();
        let db = db.clone();
        async move {
            let followed = followed::list_tracked(&db).await?;
            let reports = reports::list_reports(&db).await?;
            Ok::<_, StoreError>(Listed {
                checked_ms: followed.iter().filter_map(|t| t.refreshed_ms).max(),
                entries: entries(&followed, &reports),
            })
        }
    });
    let tracker = session.tracker.clone();
    let check_now = move |_| tracker.refresh();
    view! {
        <section class="page my-reports">
            <h1>"My reports"</h1>
            {loaded_view(listed, "Reading your reports…", |listed| view! { <ReportList listed /> })}
            <p class="refresh-problem" role="status">{move || signals.problem.get()}</p>
            <button type="button" class="button" on:click=check_now disabled=move || signals.refreshing.get()>
                {move || if signals.refreshing.get() { "Checking statuses…" } else { "Check statuses now" }}
            </button>
            <NotificationOffer />
            <FollowForm />
        </section>
    }
}

#[component]
fn ReportList(listed: Listed) -> impl IntoView {
    let Listed {
        entries,
        checked_ms,
    } = listed;
    let checked = match checked_ms {
        Some(ms) => format!(
            "Statuses last checked {}.",
            local_datetime(i64::try_from(ms).unwrap_or(i64::MAX))
        ),
        None => "Statuses not checked yet.".to_owned(),
    };
    let empty = entries.is_empty().then(|| {
        view! {
            <p>"Reports you send from this device, and requests you follow, appear here with their status and the city's notes."</p>
        }
    });
    view! {
        <p class="checked">{checked}</p>
        {empty}
        <ul class="report-list" aria-label="Followed reports">
            {entries.into_iter().map(|entry| view! { <ReportItem entry /> }).collect_view()}
        </ul>
    }
}

#[component]
fn ReportItem(entry: Entry) -> impl IntoView {
    let filed = local_datetime(entry.date_ms);
    let alt = format!("Photo of {}", entry.service_name);
    let photo = match entry.photo {
        Photo::Device(id) => Some(view! { <DevicePhoto id alt /> }.into_any()),
        Photo::Server(url) => Some(view! { <ServerPhoto url alt /> }.into_any()),
        Photo::None => None,
    };
    let (title, number) = match entry.id {
        Some(id) => {
            // Several reports of one kind are told apart by their numbers.
            let (href, name, number) = (
                request_path(&id),
                format!("{}, request {id}", entry.service_name),
                format!("Request {id}"),
            );
            (
                view! { <A href=href attr:aria-label=name>{entry.service_name.clone()}</A> }
                    .into_any(),
                number,
            )
        }
        None => (
            entry.service_name.clone().into_any(),
            "No number yet".to_owned(),
        ),
    };
    let unseen = match entry.unseen {
        0 => None,
        1 => Some("1 update".to_owned()),
        n => Some(format!("{n} updates")),
    };
    let has_unseen = unseen.is_some();
    view! {
        <li class="report-item tracked" class:unseen=has_unseen>
            {photo}
            <h2>{title}</h2>
            <p class="status">
                <strong>{entry.status}</strong>
                {unseen.map(|u| view! { " " <span class="badge">{u}</span> })}
            </p>
            <p class="meta">{number} " · Filed " {filed}</p>
            {entry.description.map(|d| view! { <p class="description">{d}</p> })}
            {entry.latest.map(|note| view! { <p class="latest-note">"Latest: " {note}</p> })}
        </li>
    }
}

/// "Follow a request": any request id joins the list.
#[component]
fn FollowForm() -> impl IntoView {
    let session = use_session();
    let typed = RwSignal::new(String::new());
    let said = RwSignal::new(None::<String>);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = typed.get_untracked().trim().to_owned();
        if text.is_empty() {
            said.set(Some(
                "Enter the number of the request to follow.".to_owned(),
            ));
            return;
        }
        let session = session.clone();
        said.set(Some(format!("Looking for request {text}…")));
        leptos::task::spawn_local(async move {
            let id = ServiceRequestId::new(text);
            let sentence = match session.tracker.follow(id.clone()).await {
                Ok(Followed::Added) => {
                    typed.set(String::new());
                    format!("You now follow request {id}.")
                }
                Ok(Followed::AddedUnchecked(why)) => {
                    typed.set(String::new());
                    format!(
                        "Request {id} was added, and will be checked when the city's server can be reached. {why}"
                    )
                }
                Ok(Followed::Already) => format!("You already follow request {id}."),
                Ok(Followed::Unknown) => {
                    format!("The city has no request {id}. Check the number and try again.")
                }
                Err(error) => error.user_message(),
            };
            said.set(Some(sentence));
        });
    };
    view! {
        <section class="follow" aria-labelledby="follow-heading">
            <h2 id="follow-heading">"Follow a request"</h2>
            <form on:submit=on_submit novalidate>
                <label for="follow-id">"Request number"</label>
                <p class="field-hint" id="follow-hint">
                    "Any request made to the city, by anyone: its number is on the confirmation."
                </p>
                <input
                    id="follow-id"
                    type="text"
                    inputmode="text"
                    autocomplete="off"
                    aria-describedby="follow-hint"
                    prop:value=move || typed.get()
                    on:input=move |event| typed.set(event_target_value(&event))
                />
                <button type="submit" class="button">"Follow"</button>
            </form>
            <p role="status" class="follow-result">{move || said.get()}</p>
        </section>
    }
}

/// The offer of notifications, asked only when the person taps the button that explains it.
#[component]
fn NotificationOffer() -> impl IntoView {
    let permission = RwSignal::new(notify::permission());
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            permission.set(notify::ask().await);
        });
    };
    move || {
        match permission.get() {
        // Safari on iPhone has notifications only in an app added to the Home Screen.
        Permission::Unsupported => (!features::installed()).then(|| {
            view! {
                <p class="notify-state">
                    "This browser shows no notifications here. Where it can add Report311 to the Home Screen (Safari on iPhone: Share, then Add to Home Screen), the app added there can."
                </p>
            }
            .into_any()
        }),
        Permission::Ask => Some(
            view! {
                <section class="notify-offer" aria-labelledby="notify-heading">
                    <h2 id="notify-heading">"Notifications"</h2>
                    <p>
                        "Get a notification on this device when the city adds a note to one of your reports or closes it."
                    </p>
                    <button type="button" class="button" on:click=ask>"Turn on notifications"</button>
                </section>
            }
            .into_any(),
        ),
        Permission::Granted => Some(
            view! { <p class="notify-state">"Notifications are on: this device tells you when a report changes."</p> }
                .into_any(),
        ),
        Permission::Denied => Some(
            view! {
                <p class="notify-state">
                    "Notifications are blocked for this app. They can be allowed again in the browser's site settings."
                </p>
            }
            .into_any(),
        ),
    }
    }
}
