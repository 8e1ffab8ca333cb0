use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::catalogue::prefetch::OfflineReadiness;
use crate::components::header::Header;
use crate::components::update_prompt::UpdatePrompt;
use crate::map::offline::AreaSaver;
use crate::outbox::filing;
use crate::pages::fix_report::FixReport;
use crate::pages::report::{PhotoTray, ReportSection, ServicePage, ServicePicker, send_action};
use crate::pages::request_page::RequestPage;
use crate::pages::{
    home::Home, my_reports::MyReports, not_found::NotFound, outbox::Outbox, settings::Settings,
};
use crate::pwa::service_worker::{self, UpdateReady};
use crate::session::{self, Session, SessionHandle, SyncSignals};
use crate::tracker::TrackerSignals;
use crate::user_message::UserMessage;

/// The application shell: a header with the main navigation and one page at a time.
#[component]
pub fn App() -> impl IntoView {
    let update_ready = UpdateReady(RwSignal::new(false));
    provide_context(update_ready);
    service_worker::register(update_ready);
    provide_context(SyncSignals::default());
    provide_context(TrackerSignals::default());
    provide_context(OfflineReadiness::default());
    view! {
        <Router>
            <Shell />
        </Router>
    }
}

/// Everything inside the router: the header at once, the pages once the app has started.
#[component]
fn Shell() -> impl IntoView {
    let signals = expect_context::<SyncSignals>();
    let tracker_signals = expect_context::<TrackerSignals>();
    let readiness = expect_context::<OfflineReadiness>();
    // The sentence is made here, at the edge: the page keeps only what it shows.
    let started = LocalResource::new(move || async move {
        session::start(signals, tracker_signals, readiness)
            .await
            .map_err(|error| error.user_message())
    });
    let pathname = use_location().pathname;
    let at_home = Memo::new(move |_| pathname.with(|p| p == "/"));
    let failed = move || started.with(|s| matches!(s, Some(Err(_))));
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <Header />
        <main id="main" tabindex="-1">
            // The home screen needs nothing from the session, so the shell draws it, once: it
            // shows at mount as the static first screen did and stays the same while the
            // session opens, instead of being drawn again by the routes.
            <Show when=move || at_home.get() && !failed()>
                <Home />
            </Show>
            <Show when=move || !at_home.get() && started.with(Option::is_none)>
                <p class="loading" role="status">"Starting…"</p>
            </Show>
            // Tracks the session alone: the pages are built once, whatever the path.
            {move || {
                started
                    .get()
                    .map(|started| match started {
                        Err(message) => {
                            view! {
                                <section class="page">
                                    <h1>"Report311 cannot start"</h1>
                                    <p role="alert">{message}</p>
                                </section>
                            }
                                .into_any()
                        }
                        Ok(session) => view! { <Pages session /> }.into_any(),
                    })
            }}
        </main>
        <UpdatePrompt />
    }
}

/// The app's screens, with the started session available to all of them.
#[component]
fn Pages(session: Session) -> impl IntoView {
    // Saving map areas goes on whatever the screen, and resumes on its own.
    provide_context(AreaSaver::install(
        session.db.clone(),
        session.config.map_tiles.clone(),
    ));
    let session = SessionHandle::new(session);
    provide_context(session);
    provide_context(PhotoTray::default());
    // What "Submit report" does; the fix screen provides its own.
    provide_context(send_action(|session, submission, photos| async move {
        filing::file(&session, submission, &photos).await
    }));
    view! {
        <Routes fallback=NotFound>
            // Drawn by the shell (see `Shell`).
            <Route path=path!("/") view=|| () />
            <ParentRoute path=path!("/report") view=ReportSection>
                <Route path=path!("") view=ServicePicker />
                <Route path=path!(":code") view=ServicePage />
            </ParentRoute>
            <Route path=path!("/reports") view=MyReports />
            <Route path=path!("/reports/:id") view=RequestPage />
            <Route path=path!("/outbox") view=Outbox />
            <Route path=path!("/outbox/:id") view=FixReport />
            <Route path=path!("/settings") view=Settings />
        </Routes>
    }
}
