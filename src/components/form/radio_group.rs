//! One answer among a few, all in view.

use leptos::prelude::*;
use open311::AttributeValue;

use super::field::{FieldFrame, FieldInfo, Frame, option_id};

/// Radio buttons under a legend; `value` holds the chosen key ("" for none). Each input's
/// id is the field's [`option_id`], so an error can point to the first.
#[component]
pub fn RadioGroup(
    info: FieldInfo,
    choices: Vec<AttributeValue>,
    value: RwSignal<String>,
) -> impl IntoView {
    let radios = choices
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let id = option_id(&info.id, index);
            let key = choice.key;
            let checked = {
                let key = key.clone();
                move || value.with(|chosen| chosen == &key)
            };
            view! {
                <div class="choice">
                    <input
                        id=id.clone()
                        type="radio"
                        name=info.id.clone()
                        value=key.clone()
                        prop:checked=checked
                        on:change=move |_| value.set(key.clone())
                    />
                    <label for=id>{choice.name}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <FieldFrame info=info.clone() frame=Frame::RadioGroup>
            <div class="choices">{radios}</div>
        </FieldFrame>
    }
}
