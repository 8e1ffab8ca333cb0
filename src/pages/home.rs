use leptos::prelude::*;
use leptos_router::components::A;

/// The first screen: what the app does and the way in.
#[component]
pub fn Home() -> impl IntoView {
    view! {
        <section class="page home">
            <h1>"Report street problems to 311"</h1>
            <p>
                "Potholes, graffiti, street lights out: tell the city in a minute, with photos and the exact spot. "
                "Reports are kept on this device until they are sent, so a weak signal never loses one."
            </p>
            <A href="/report" attr:class="button primary">"Start a report"</A>
        </section>
    }
}
