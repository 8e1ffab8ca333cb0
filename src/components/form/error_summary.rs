//! The list of everything to fix, at the top of a form, after a failed attempt to send.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{FocusOptions, HtmlElement};

/// One problem in the summary, and the element that fixes it.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorLink {
    pub message: String,
    /// The id of the input to focus; `None` when no input on the form can fix it.
    pub target: Option<String>,
}

/// "There is a problem" and a link per problem. It is announced when it appears, and takes
/// focus at each failed attempt (`attempt` changes) so keyboard users start from it.
#[component]
pub fn ErrorSummary(links: Signal<Vec<ErrorLink>>, attempt: Signal<u32>) -> impl IntoView {
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        attempt.track();
        if links.with_untracked(Vec::is_empty) {
            return;
        }
        // After this update has been drawn, so the summary is in the page.
        request_animation_frame(move || {
            if let Some(summary) = summary.get_untracked() {
                let _ = summary.focus();
            }
        });
    });
    let items = move || {
        links
            .get()
            .into_iter()
            .map(|link| match link.target {
                Some(target) => view! {
                    <li>
                        <a href=format!("#{target}") on:click=move |ev| {
                            ev.prevent_default();
                            focus_field(&target);
                        }>{link.message}</a>
                    </li>
                }
                .into_any(),
                None => view! { <li>{link.message}</li> }.into_any(),
            })
            .collect_view()
    };
    view! {
        <Show when=move || links.with(|links| !links.is_empty())>
            <div
                class="error-summary"
                role="alert"
                tabindex="-1"
                aria-labelledby="error-summary-title"
                node_ref=summary
            >
                <h2 id="error-summary-title">"There is a problem"</h2>
                <ul>{items}</ul>
            </div>
        </Show>
    }
}

/// Brings the input's whole field (label and hint included) into view, then focuses it.
pub fn focus_field(id: &str) {
    let Some(input) = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    match input.closest(".field").ok().flatten() {
        Some(field) => field.scroll_into_view(),
        None => input.scroll_into_view(),
    }
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = input.focus_with_options(&options);
}
