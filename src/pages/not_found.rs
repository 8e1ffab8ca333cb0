use leptos::prelude::*;
use leptos_router::components::A;

/// Shown for an address the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>"Page not found"</h1>
            <p>"This address is not part of Report311. " <A href="/">"Go to the start"</A></p>
        </section>
    }
}
