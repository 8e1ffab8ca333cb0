use leptos::prelude::*;

/// Choosing a service and filling in its form.
#[component]
pub fn Report() -> impl IntoView {
    view! {
        <section class="page">
            <h1>"Report a problem"</h1>
            <p>"Choose the kind of problem, answer a few questions, add photos and the location."</p>
        </section>
    }
}
