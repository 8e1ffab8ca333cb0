use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::loader::loaded_view;
use crate::components::storage_usage::StorageUsage;
use crate::outbox::OutboxReport;
use crate::outbox::delivery::Delivery;
use crate::outbox::promise::{self, Abilities};
use crate::outbox::reports;
use crate::platform::features;
use crate::session::{SyncSignals, use_session};
use crate::store::quota;
use crate::time::local_datetime;

/// Reports saved on this device on their way to the city.
#[component]
pub fn Outbox() -> impl IntoView {
    let session = use_session();
    let signals = expect_context::<SyncSignals>();
    let db = session.db.clone();
    let reports = LocalResource::new(move || {
        signals.revision.track();
        let db = db.clone();
        async move { reports::list_reports(&db).await }
    });
    let send_now = move |_| session.sync.request_now();
    // Until the browser says whether it keeps the storage, nothing is said about it.
    let storage_kept =
        LocalResource::new(|| async { features::installed() || quota::persisted().await });
    let abilities = move || Abilities {
        background_sync: features::background_sync(),
        storage_kept: storage_kept.get().unwrap_or(true),
    };
    let waiting = move || signals.status.get().map_or(0, |status| status.waiting);
    let kept_answer = RwSignal::new(None::<&'static str>);
    view! {
        <section class="page outbox">
            <h1>"Outbox"</h1>
            <p>{move || promise::how_reports_leave(abilities())}</p>
            {move || {
                promise::advice(abilities(), waiting())
                    .into_iter()
                    .map(|sentence| view! { <p class="advice">{sentence}</p> })
                    .collect_view()
            }}
            <Show when=move || promise::offer_to_keep(abilities(), waiting())>
                <KeepOnDevice storage_kept answer=kept_answer />
            </Show>
            <p role="status">{move || kept_answer.get()}</p>
            {loaded_view(reports, "Reading the outbox…", |reports| view! { <OutboxList reports /> })}
            <button type="button" class="button" on:click=send_now>
                "Send now"
            </button>
            <StorageUsage />
        </section>
    }
}

/// Asks the browser to keep the app's storage, on the person's tap; its `answer` is said
/// outside, since a yes takes this button away.
#[component]
fn KeepOnDevice(
    storage_kept: LocalResource<bool>,
    answer: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            let granted = quota::persist().await;
            answer.set(Some(promise::kept_answer(granted)));
            if granted {
                storage_kept.refetch();
            }
        });
    };
    view! {
        <button type="button" class="button" on:click=ask>
            "Keep these reports on this device"
        </button>
    }
}

/// Reports listed at first, and added by each "Show more": a volunteer back from a day in the
/// field may have hundreds waiting, and building all their items at once would hold the page.
const PAGE: usize = 100;

#[component]
fn OutboxList(reports: Vec<OutboxReport>) -> impl IntoView {
    let sent = reports
        .iter()
        .filter(|r| matches!(r.delivery, Delivery::Submitted { .. }))
        .count();
    let waiting: Vec<OutboxReport> = reports
        .into_iter()
        .filter(|r| !matches!(r.delivery, Delivery::Submitted { .. }))
        .collect();
    let total = waiting.len();
    let shown = RwSignal::new(PAGE.min(total));
    let waiting = StoredValue::new(waiting);
    let more = move || total - shown.get();
    view! {
        <Show when=move || total == 0>
            <p>"Nothing is waiting to be sent."</p>
        </Show>
        <ul class="report-list" aria-label="Reports in the outbox">
            <For
                each=move || waiting.with_value(|w| w[..shown.get()].to_vec())
                key=|report| report.id.clone()
                let(report)
            >
                <OutboxItem report />
            </For>
        </ul>
        <Show when=move || { more() > 0 }>
            <button
                type="button"
                class="button"
                on:click=move |_| shown.update(|n| *n = (*n + PAGE).min(total))
            >
                {move || format!("Show {} more of {total}", more().min(PAGE))}
            </button>
        </Show>
        <Show when=move || { sent > 0 }>
            <p>
                {move || match sent {
                    1 => "1 report has reached the city: see My reports.".to_owned(),
                    n => format!("{n} reports have reached the city: see My reports."),
                }}
            </p>
        </Show>
    }
}

#[component]
fn OutboxItem(report: OutboxReport) -> impl IntoView {
    let saved = local_datetime(i64::try_from(report.created_ms).unwrap_or(i64::MAX));
    let photos = match report.photo_ids.len() {
        0 => String::new(),
        1 => "1 photo".to_owned(),
        n => format!("{n} photos"),
    };
    let place = report
        .draft
        .location
        .address_string
        .clone()
        .or_else(|| {
            let location = &report.draft.location;
            location
                .lat
                .zip(location.long)
                .map(|(lat, long)| format!("{lat:.5}, {long:.5}"))
        })
        .unwrap_or_default();
    let (detail, errors) = match &report.delivery {
        Delivery::Queued { retry, .. } => (retry.last_error.clone(), Vec::new()),
        Delivery::NeedsAttention { errors } => (None, errors.clone()),
        _ => (None, Vec::new()),
    };
    let attention = !errors.is_empty();
    let fix_href = format!("/outbox/{}", report.id);
    view! {
        <li class="report-item" class:attention=attention>
            <h2>{report.service_name.clone()}</h2>
            <p class="status">
                <strong>{report.delivery.label()}</strong>
                {detail.map(|d| view! { " — " {d} })}
            </p>
            <p class="meta">
                "Saved " {saved} {(!place.is_empty()).then(|| format!(" · {place}"))}
                {(!photos.is_empty()).then(|| format!(" · {photos}"))}
            </p>
            {report.draft.description.clone().map(|d| view! { <p class="description">{d}</p> })}
            <Show when=move || attention>
                <ul class="errors" aria-label="What the city said">
                    {errors
                        .iter()
                        .map(|e| view! { <li>{e.description.clone()}</li> })
                        .collect_view()}
                </ul>
                <p class="fix-link">
                    <A href=fix_href.clone()>"Fix and send again"</A>
                </p>
            </Show>
        </li>
    }
}
