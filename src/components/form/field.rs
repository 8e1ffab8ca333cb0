//! The frame every form control sits in: its label, hint, error message and required mark.

use leptos::prelude::*;

/// What a control says about itself, shared by its frame and the control.
#[derive(Clone)]
pub struct FieldInfo {
    /// The control's element id (a group's fieldset has none; its inputs derive theirs).
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub required: bool,
    /// What to fix, once an attempt to send has found a problem here.
    pub error: Signal<Option<String>>,
}

impl FieldInfo {
    fn hint_id(&self) -> String {
        format!("{}-hint", self.id)
    }

    fn error_id(&self) -> String {
        format!("{}-error", self.id)
    }

    /// The `aria-describedby` of the control (or group): hint, error, then `also`.
    pub fn described_by(&self, also: Option<String>) -> Signal<Option<String>> {
        let hint = self.hint.as_ref().map(|_| self.hint_id());
        let error_id = self.error_id();
        let error = self.error;
        Signal::derive(move || {
            let error = error.with(Option::is_some).then(|| error_id.clone());
            let ids: Vec<&str> = [&hint, &error, &also]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    }

    /// The `aria-invalid` of the control: present only while there is a problem.
    pub fn invalid(&self) -> Signal<Option<&'static str>> {
        let error = self.error;
        Signal::derive(move || error.with(Option::is_some).then_some("true"))
    }
}

/// The id of the `index`th input of a group whose field id is `field_id`.
pub fn option_id(field_id: &str, index: usize) -> String {
    format!("{field_id}-{index}")
}

/// How a field's parts are tied together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Frame {
    /// One control, named by a `<label>`.
    #[default]
    Label,
    /// Several checkboxes, named by a `<legend>`.
    Group,
    /// Radio buttons: a group a screen reader announces as one required, checkable answer.
    RadioGroup,
}

/// A control with its label (or legend), required mark, hint and error message.
#[component]
pub fn FieldFrame(
    info: FieldInfo,
    #[prop(optional)] frame: Frame,
    children: Children,
) -> impl IntoView {
    let required = info.required.then(|| {
        view! { <span class="required-mark">" (required)"</span> }
    });
    let hint = info.hint.clone().map(|hint| {
        view! { <p id=info.hint_id() class="field-hint">{hint}</p> }
    });
    let error = info.error;
    let error_id = info.error_id();
    let message = move || {
        error.get().map(|message| {
            view! {
                <p id=error_id.clone() class="field-error-message">
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                </p>
            }
        })
    };
    let has_error = move || error.with(Option::is_some);
    match frame {
        Frame::Label => view! {
            <div class="field" class:field-has-error=has_error>
                <label for=info.id.clone() class="field-label">{info.label.clone()}{required}</label>
                {hint}
                {message}
                {children()}
            </div>
        }
        .into_any(),
        Frame::Group | Frame::RadioGroup => {
            let radios = frame == Frame::RadioGroup;
            let invalid = info.invalid();
            view! {
                <fieldset
                    class="field"
                    class:field-has-error=has_error
                    role=radios.then_some("radiogroup")
                    aria-required=(radios && info.required).then_some("true")
                    aria-invalid=move || invalid.get().filter(|_| radios)
                    aria-describedby=info.described_by(None)
                >
                    <legend class="field-label">{info.label.clone()}{required}</legend>
                    {hint}
                    {message}
                    {children()}
                </fieldset>
            }
            .into_any()
        }
    }
}
