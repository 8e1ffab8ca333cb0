//! When statuses are refreshed besides the timer: coming back online, and the person
//! returning to the app.

use super::refresher::Tracker;
use crate::platform::events::{listen, on_shown};

/// Listens for the moments a refresh is worth it; for the life of the page.
pub fn install(tracker: &Tracker) {
    let Some(window) = web_sys::window() else {
        return;
    };
    for event in ["online", "focus"] {
        let tracker = tracker.clone();
        listen(&window, event, move |_| tracker.refresh());
    }
    let tracker = tracker.clone();
    on_shown(move || tracker.refresh());
}
