use leptos::prelude::*;

use crate::pwa::service_worker::{self, UpdateReady};

/// "A new version is ready", with the choice of when to reload.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let UpdateReady(ready) = expect_context::<UpdateReady>();
    view! {
        // Always in the document, so screen readers announce what appears inside it.
        <div role="status">
            <Show when=move || ready.get()>
                <div class="update-prompt">
                    <p>"A new version of Report311 is ready."</p>
                    <button type="button" class="button" on:click=|_| service_worker::apply_update()>
                        "Reload to update"
                    </button>
                </div>
            </Show>
        </div>
    }
}
