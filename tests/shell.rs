//! The app shell, mounted in a real browser page (Chromium and Firefox).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// Elements of `role` whose accessible name (aria-label or text) is `name`, as a screen reader
/// would announce them. Only the roles the shell uses are mapped.
fn by_role(role: &str, name: &str) -> Vec<Element> {
    let selector = match role {
        "link" => "a[href]",
        "navigation" => "nav",
        other => panic!("role {other} is not mapped"),
    };
    let nodes = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
        .query_selector_all(selector)
        .expect("a valid selector");
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|node| wasm_bindgen::JsCast::dyn_into::<Element>(node).ok())
        .filter(|el| {
            let label = el
                .get_attribute("aria-label")
                .or_else(|| el.text_content())
                .unwrap_or_default();
            label.trim() == name
        })
        .collect()
}

/// Lets the browser run queued work for `ms` milliseconds (the app starts asynchronously).
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("a timer never fails");
}

#[wasm_bindgen_test]
async fn shell_offers_the_three_destinations() {
    leptos::mount::mount_to_body(report311::App);

    let nav = by_role("navigation", "Main");
    assert_eq!(nav.len(), 1, "one main navigation");
    for name in ["Report a problem", "My reports", "Outbox"] {
        let links = by_role("link", name);
        assert_eq!(links.len(), 1, "one link named {name}");
        assert!(
            nav[0].contains(Some(&links[0])),
            "{name} is in the main navigation"
        );
    }
    assert_eq!(
        by_role("link", "Report311").len(),
        1,
        "the title links home"
    );
    // Whatever the test page's address and whether the app could start there, the page
    // settles on one main heading (starting up shows none).
    let mut headings = 0;
    for _ in 0..250 {
        pause(20).await;
        headings = web_sys::window()
            .and_then(|w| w.document())
            .expect("a document")
            .query_selector_all("main h1")
            .expect("a valid selector")
            .length();
        if headings > 0 {
            break;
        }
    }
    assert_eq!(headings, 1, "one main heading");
}
