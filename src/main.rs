fn main() {
    console_error_panic_hook::set_once();
    // index.html carries the first screen as static markup, shown before the wasm arrives (the
    // page starts the app only once it has been painted). It gives way in the same task as
    // the app mounts, so no frame shows neither.
    if let Some(first_screen) = leptos::prelude::document().get_element_by_id("first-screen") {
        first_screen.remove();
    }
    leptos::mount::mount_to_body(report311::App);
}
