//! Listening to the browser: for the life of the page, and the page's visibility.

use gloo_events::EventListener;
use web_sys::{EventTarget, VisibilityState};

/// Calls `handler` on every `event` of `target`, for the life of the page.
pub fn listen(
    target: &EventTarget,
    event: &'static str,
    handler: impl FnMut(&web_sys::Event) + 'static,
) {
    EventListener::new(target, event, handler).forget();
}

/// Whether the page is shown; true where there is no page to ask (a worker).
pub fn page_visible() -> bool {
    visibility().is_none_or(|state| state == VisibilityState::Visible)
}

/// Whether the page is hidden: in the background, or being left.
pub fn page_hidden() -> bool {
    visibility() == Some(VisibilityState::Hidden)
}

fn visibility() -> Option<VisibilityState> {
    Some(web_sys::window()?.document()?.visibility_state())
}

/// Calls `handler` whenever the page is shown again, for the life of the page.
pub fn on_shown(mut handler: impl FnMut() + 'static) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        listen(&document, "visibilitychange", move |_| {
            if page_visible() {
                handler();
            }
        });
    }
}
