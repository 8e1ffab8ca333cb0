use leptos::prelude::*;
use leptos_router::components::A;

use crate::catalogue::prefetch::OfflineReadiness;

/// The first screen: what the app does, the way in, and whether it can be used offline.
#[component]
pub fn Home() -> impl IntoView {
    let readiness = expect_context::<OfflineReadiness>();
    view! {
        <section class="page home">
            <h1>"Report street problems to 311"</h1>
            <p>
                "Potholes, graffiti, street lights out: tell the city in a minute, with photos and the exact spot. "
                "Reports are kept on this device until they are sent, so a weak signal never loses one."
            </p>
            <A href="/report" attr:class="button primary">"Start a report"</A>
            // Empty in the static first screen too, so that the two read the same.
            <p class="readiness" role="status">{move || readiness.sentence()}</p>
        </section>
    }
}
