use leptos::prelude::*;

/// Reports saved on this device and waiting to be sent.
#[component]
pub fn Outbox() -> impl IntoView {
    view! {
        <section class="page">
            <h1>"Outbox"</h1>
            <p>"Reports saved on this device wait here until they reach the city."</p>
        </section>
    }
}
