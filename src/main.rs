use std::time::Duration;

use leptos::prelude::{document, request_animation_frame, set_timeout};

fn main() {
    console_error_panic_hook::set_once();
    // index.html carries the first screen as static markup, shown before the wasm arrives. The
    // app takes over once that has been painted: the browser counts a screen replaced before
    // its first paint as painted by the app, i.e. as waiting for all of its code.
    request_animation_frame(|| set_timeout(mount, Duration::ZERO));
}

fn mount() {
    // Removed in the same task as the app mounts, so no frame shows neither.
    if let Some(first_screen) = document().get_element_by_id("first-screen") {
        first_screen.remove();
    }
    leptos::mount::mount_to_body(report311::App);
}
