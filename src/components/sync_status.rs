use leptos::prelude::*;

use crate::session::SyncSignals;

/// The outbox at a glance ("3 waiting", "sending 2 of 5", "all sent"), announced politely.
#[component]
pub fn SyncStatusLine() -> impl IntoView {
    let SyncSignals { status, .. } = expect_context::<SyncSignals>();
    view! {
        <p class="sync-status" role="status">
            {move || status.get().map(|s| format!("Outbox: {}", s.summary()))}
        </p>
    }
}
