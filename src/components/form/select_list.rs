//! One answer among many, in a drop-down.

use leptos::prelude::*;
use open311::AttributeValue;

use super::field::{FieldFrame, FieldInfo};

/// A labelled drop-down whose first, empty option asks for a choice; `value` holds the
/// chosen key ("" for none).
#[component]
pub fn SelectList(
    info: FieldInfo,
    choices: Vec<AttributeValue>,
    value: RwSignal<String>,
) -> impl IntoView {
    let options = choices
        .into_iter()
        .map(|choice| {
            let selected = {
                let key = choice.key.clone();
                move || value.with(|chosen| chosen == &key)
            };
            view! { <option value=choice.key prop:selected=selected>{choice.name}</option> }
        })
        .collect_view();
    view! {
        <FieldFrame info=info.clone()>
            <select
                id=info.id.clone()
                class="input"
                required=info.required
                aria-invalid=info.invalid()
                aria-describedby=info.described_by(None)
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="" prop:selected=move || value.with(String::is_empty)>"Choose…"</option>
                {options}
            </select>
        </FieldFrame>
    }
}
