fn main() {
    console_error_panic_hook::set_once();
    // index.html carries the first screen as static markup so that it shows before the wasm
    // arrives; it gives way in the same task as the app mounts, so no frame shows neither.
    if let Some(first_screen) = leptos::prelude::document().get_element_by_id("first-screen") {
        first_screen.remove();
    }
    leptos::mount::mount_to_body(report311::App);
}
