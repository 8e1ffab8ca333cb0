//! The photo worker: compresses photos away from the page's thread. Trunk builds it as a web
//! worker (see its link in index.html), and the page starts it with the first photo.

fn main() {
    console_error_panic_hook::set_once();
    report311::capture::photo::worker::serve();
}
