use leptos::prelude::*;
use leptos_router::components::A;

use super::sync_status::SyncStatusLine;

/// The title bar and the three places a person goes: new report, their reports, the outbox.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="app-header">
            <A href="/" attr:class="brand">
                <img src="/icons/icon.svg" alt="" width="28" height="28" />
                <span>"Report311"</span>
            </A>
            <nav aria-label="Main">
                <ul>
                    <li><A href="/report">"Report a problem"</A></li>
                    <li><A href="/reports">"My reports"</A></li>
                    <li><A href="/outbox">"Outbox"</A></li>
                </ul>
            </nav>
            <SyncStatusLine />
        </header>
    }
}
