//! One line of text: words, a number, a date and time, an email address or a phone number.

use leptos::prelude::*;

use super::field::{FieldFrame, FieldInfo};

/// What the line holds, which decides the keyboard a phone shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputKind {
    #[default]
    Text,
    /// A number with an optional decimal point. Typed as text: `type="number"` drops what
    /// it cannot parse on some phones, and the person's typing with it.
    Decimal,
    /// A local date and time, from the browser's picker.
    DateTimeLocal,
    Email,
    Phone,
}

impl InputKind {
    fn input_type(self) -> &'static str {
        match self {
            InputKind::Text | InputKind::Decimal => "text",
            InputKind::DateTimeLocal => "datetime-local",
            InputKind::Email => "email",
            InputKind::Phone => "tel",
        }
    }

    fn input_mode(self) -> Option<&'static str> {
        match self {
            InputKind::Decimal => Some("decimal"),
            _ => None,
        }
    }
}

/// A labelled single-line input bound to `value`.
#[component]
pub fn TextInput(
    info: FieldInfo,
    value: RwSignal<String>,
    #[prop(optional)] kind: InputKind,
    /// The browser's autofill token, e.g. `given-name`.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
) -> impl IntoView {
    view! {
        <FieldFrame info=info.clone()>
            <input
                id=info.id.clone()
                class="input"
                type=kind.input_type()
                inputmode=kind.input_mode()
                autocomplete=autocomplete
                required=info.required
                aria-invalid=info.invalid()
                aria-describedby=info.described_by(None)
                bind:value=value
            />
        </FieldFrame>
    }
}
