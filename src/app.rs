use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::header::Header;
use crate::components::update_prompt::UpdatePrompt;
use crate::pages::{
    home::Home, my_reports::MyReports, not_found::NotFound, outbox::Outbox, report::Report,
};
use crate::pwa::service_worker::{self, UpdateReady};

/// The application shell: a header with the main navigation and one page at a time.
#[component]
pub fn App() -> impl IntoView {
    let update_ready = UpdateReady(RwSignal::new(false));
    provide_context(update_ready);
    service_worker::register(update_ready);
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Header />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/report") view=Report />
                    <Route path=path!("/reports") view=MyReports />
                    <Route path=path!("/outbox") view=Outbox />
                </Routes>
            </main>
            <UpdatePrompt />
        </Router>
    }
}
