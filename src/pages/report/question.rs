//! One question of a service's definition, with the control its datatype calls for.

use leptos::prelude::*;

use crate::components::form::checkbox_group::CheckboxGroup;
use crate::components::form::field::FieldInfo;
use crate::components::form::radio_group::RadioGroup;
use crate::components::form::select_list::SelectList;
use crate::components::form::text_area::TextArea;
use crate::components::form::text_input::{InputKind, TextInput};
use crate::report::questions::{Control, Question};
use crate::report::request::Entry;

/// What a question's control holds.
#[derive(Clone, Copy)]
pub enum AnswerValue {
    One(RwSignal<String>),
    Many(RwSignal<Vec<String>>),
}

impl AnswerValue {
    /// Subscribes the running effect to the answer's changes.
    pub fn track(self) {
        match self {
            AnswerValue::One(text) => text.track(),
            AnswerValue::Many(keys) => keys.track(),
        }
    }

    /// The answer as it stands, for building the draft.
    pub fn entry(self) -> Entry {
        match self {
            AnswerValue::One(text) => Entry::One(text.get_untracked()),
            AnswerValue::Many(keys) => Entry::Many(keys.get_untracked()),
        }
    }
}

/// The question's field, starting from `initial`, and the value it fills in.
pub fn question_field(
    question: &Question,
    initial: Option<&Entry>,
    error: Signal<Option<String>>,
) -> (AnyView, AnswerValue) {
    let info = FieldInfo {
        id: question.id.clone(),
        label: question.label.clone(),
        hint: question.hint.clone(),
        required: question.required,
        error,
    };
    let text = || {
        RwSignal::new(match initial {
            Some(Entry::One(text)) => text.clone(),
            _ => String::new(),
        })
    };
    let typed = |kind: InputKind| {
        let value = text();
        let view = view! { <TextInput info=info.clone() value kind /> }.into_any();
        (view, AnswerValue::One(value))
    };
    match &question.control {
        Control::Text => typed(InputKind::Text),
        Control::Number => typed(InputKind::Decimal),
        Control::DateTime => typed(InputKind::DateTimeLocal),
        Control::TextArea => {
            let value = text();
            (
                view! { <TextArea info value /> }.into_any(),
                AnswerValue::One(value),
            )
        }
        Control::Radios(choices) => {
            let value = text();
            let view = view! { <RadioGroup info choices=choices.clone() value /> };
            (view.into_any(), AnswerValue::One(value))
        }
        Control::Select(choices) => {
            let value = text();
            let view = view! { <SelectList info choices=choices.clone() value /> };
            (view.into_any(), AnswerValue::One(value))
        }
        Control::Checkboxes(choices) => {
            let value = RwSignal::new(match initial {
                Some(Entry::Many(keys)) => keys.clone(),
                _ => Vec::new(),
            });
            let view = view! { <CheckboxGroup info choices=choices.clone() value /> };
            (view.into_any(), AnswerValue::Many(value))
        }
    }
}
