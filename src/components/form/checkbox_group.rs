//! Any number of answers among a list.

use leptos::prelude::*;
use open311::AttributeValue;

use super::field::{FieldFrame, FieldInfo, Frame, option_id};

/// Checkboxes under a legend; `value` holds the ticked keys. Each input's id is the
/// field's [`option_id`], so an error can point to the first.
#[component]
pub fn CheckboxGroup(
    info: FieldInfo,
    choices: Vec<AttributeValue>,
    value: RwSignal<Vec<String>>,
) -> impl IntoView {
    let invalid = info.invalid();
    let boxes = choices
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let id = option_id(&info.id, index);
            let key = choice.key;
            let checked = {
                let key = key.clone();
                move || value.with(|ticked| ticked.contains(&key))
            };
            let toggle = move |ev| {
                let tick = event_target_checked(&ev);
                value.update(|ticked| {
                    ticked.retain(|k| k != &key);
                    if tick {
                        ticked.push(key.clone());
                    }
                });
            };
            view! {
                <div class="choice">
                    <input
                        id=id.clone()
                        type="checkbox"
                        name=info.id.clone()
                        prop:checked=checked
                        aria-invalid=invalid
                        on:change=toggle
                    />
                    <label for=id>{choice.name}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <FieldFrame info=info.clone() frame=Frame::Group>
            <div class="choices">{boxes}</div>
        </FieldFrame>
    }
}
