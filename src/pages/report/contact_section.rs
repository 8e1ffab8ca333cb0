//! "Get updates by email": how the city can reach the person, all optional.

use leptos::prelude::*;
use open311::{Contact, Field};

use crate::components::form::field::FieldInfo;
use crate::components::form::text_input::{InputKind, TextInput};
use crate::report::problems::EMAIL_ID;
use crate::report::request::FormValues;

/// What the contact fields hold.
#[derive(Clone, Copy)]
pub struct ContactValues {
    pub first_name: RwSignal<String>,
    pub last_name: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
}

impl ContactValues {
    /// Fields starting from the contact details in `values`.
    pub fn new(values: &FormValues) -> Self {
        ContactValues {
            first_name: RwSignal::new(values.first_name.clone()),
            last_name: RwSignal::new(values.last_name.clone()),
            email: RwSignal::new(values.email.clone()),
            phone: RwSignal::new(values.phone.clone()),
        }
    }

    /// Subscribes the running effect to changes of any of the fields.
    pub fn track(&self) {
        for field in [self.first_name, self.last_name, self.email, self.phone] {
            field.track();
        }
    }

    /// Fills in what the person gave last time, where they have not typed anything yet.
    pub fn remember(&self, contact: &Contact) {
        let fill = |field: RwSignal<String>, value: &Option<String>| {
            if let Some(value) = value
                && field.with_untracked(String::is_empty)
            {
                field.set(value.clone());
            }
        };
        fill(self.first_name, &contact.first_name);
        fill(self.last_name, &contact.last_name);
        fill(self.email, &contact.email);
        fill(self.phone, &contact.phone);
    }
}

/// The contact part of the form; `error_for` gives the problem of a part, if any.
#[component]
pub fn ContactSection(
    values: ContactValues,
    error_for: impl Fn(Field) -> Signal<Option<String>>,
) -> impl IntoView {
    let info = |id: &str, label: &str, error: Signal<Option<String>>| FieldInfo {
        id: id.to_owned(),
        label: label.to_owned(),
        hint: None,
        required: false,
        error,
    };
    let no_error = Signal::stored(None);
    view! {
        <section class="form-section" aria-labelledby="contact-heading">
            <h2 id="contact-heading">"Get updates by email"</h2>
            <p class="field-hint">
                "Optional. Give your email address and the city can tell you when the problem is fixed."
            </p>
            <TextInput
                info=info(EMAIL_ID, "Email address", error_for(Field::Email))
                value=values.email
                kind=InputKind::Email
                autocomplete="email"
            />
            <TextInput
                info=info("contact-first-name", "First name", no_error)
                value=values.first_name
                autocomplete="given-name"
            />
            <TextInput
                info=info("contact-last-name", "Last name", no_error)
                value=values.last_name
                autocomplete="family-name"
            />
            <TextInput
                info=info("contact-phone", "Phone number", no_error)
                value=values.phone
                kind=InputKind::Phone
                autocomplete="tel"
            />
        </section>
    }
}
