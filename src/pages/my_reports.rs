use leptos::prelude::*;

/// The service tracker: every report sent from this device and its status.
#[component]
pub fn MyReports() -> impl IntoView {
    view! {
        <section class="page">
            <h1>"My reports"</h1>
            <p>"Reports you send from this device appear here with their status and the city's notes."</p>
        </section>
    }
}
