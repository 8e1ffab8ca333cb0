//! Several lines of text, optionally with a character count.

use leptos::prelude::*;

use super::character_count::CharacterCount;
use super::field::{FieldFrame, FieldInfo};

/// A labelled text area bound to `value`; with `limit`, a count of what is left under it.
#[component]
pub fn TextArea(
    info: FieldInfo,
    value: RwSignal<String>,
    #[prop(optional)] limit: Option<usize>,
) -> impl IntoView {
    let count_id = format!("{}-count", info.id);
    let count = limit.map(|limit| {
        view! { <CharacterCount id=count_id.clone() text=value limit=limit /> }
    });
    view! {
        <FieldFrame info=info.clone()>
            <textarea
                id=info.id.clone()
                class="input"
                rows="5"
                required=info.required
                aria-invalid=info.invalid()
                aria-describedby=info.described_by(limit.map(|_| count_id))
                bind:value=value
            ></textarea>
            {count}
        </FieldFrame>
    }
}
