use leptos::prelude::*;
use leptos_router::components::A;

use super::sync_status::SyncStatusLine;
use crate::tracker::TrackerSignals;

/// The title bar and the three places a person goes: new report, their reports, the outbox.
#[component]
pub fn Header() -> impl IntoView {
    let unseen = expect_context::<TrackerSignals>().unseen;
    // The count is read out with the link's name ("My reports, 2 updates"), and drawn as a
    // badge for the eye.
    let count = move || Some(unseen.get()).filter(|n| *n > 0);
    let name = move || {
        count().map(|n| match n {
            1 => "My reports, 1 update".to_owned(),
            n => format!("My reports, {n} updates"),
        })
    };
    let badge =
        move || count().map(|n| view! { <span class="badge" aria-hidden="true">{n}</span> });
    view! {
        <header class="app-header">
            <A href="/" attr:class="brand">
                <img src="/icons/icon.svg" alt="" width="28" height="28" />
                <span>"Report311"</span>
            </A>
            <nav aria-label="Main">
                <ul>
                    <li><A href="/report">"Report a problem"</A></li>
                    <li><A href="/reports" attr:aria-label=name>"My reports" {badge}</A></li>
                    <li><A href="/outbox">"Outbox"</A></li>
                    <li><A href="/settings">"Settings"</A></li>
                </ul>
            </nav>
            <SyncStatusLine />
        </header>
    }
}
