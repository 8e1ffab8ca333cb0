//! What the form holds while it is filled in: one signal per part, read together as the
//! values [`build_draft`](crate::report::request::build_draft) turns into a request.

use std::sync::Arc;

use leptos::prelude::*;
use open311::AttributeCode;

use super::contact_section::ContactValues;
use super::location_section::LocationState;
use super::question::AnswerValue;
use crate::report::request::FormValues;

/// The form's parts.
#[derive(Clone)]
pub struct FormState {
    /// One per question, in the form's order.
    answers: Arc<[(AttributeCode, AnswerValue)]>,
    pub location: RwSignal<LocationState>,
    pub address: RwSignal<String>,
    /// The address the geocoder found nearest to the report's place: sent when none is typed.
    pub nearest: RwSignal<Option<String>>,
    pub description: RwSignal<String>,
    pub contact: ContactValues,
}

impl FormState {
    /// The form starting from `start`, with the questions' `answers` as their fields made them.
    pub fn new(answers: Vec<(AttributeCode, AnswerValue)>, start: &FormValues) -> Self {
        FormState {
            answers: answers.into(),
            location: RwSignal::new(
                start
                    .point
                    .map_or_else(LocationState::default, LocationState::Saved),
            ),
            address: RwSignal::new(start.address.clone()),
            nearest: RwSignal::new(None),
            description: RwSignal::new(start.description.clone()),
            contact: ContactValues::new(start),
        }
    }

    /// Everything the form holds now, as typed; read without subscribing.
    pub fn values(&self) -> FormValues {
        let contact = self.contact;
        FormValues {
            answers: self
                .answers
                .iter()
                .map(|(code, value)| (code.clone(), value.entry()))
                .collect(),
            point: self.location.get_untracked().point(),
            address: self.address.get_untracked(),
            description: self.description.get_untracked(),
            first_name: contact.first_name.get_untracked(),
            last_name: contact.last_name.get_untracked(),
            email: contact.email.get_untracked(),
            phone: contact.phone.get_untracked(),
        }
    }

    /// The values to review and send: as typed, with the address nearest to the report's
    /// place when none is typed. (A draft keeps what was typed: the nearest address belongs
    /// to the place, and is found again for it.)
    pub fn values_to_send(&self) -> FormValues {
        let mut values = self.values();
        if values.address.trim().is_empty()
            && let Some(nearest) = self.nearest.get_untracked()
        {
            values.address = nearest;
        }
        values
    }

    /// Subscribes the running effect to a change of any part.
    pub fn track(&self) {
        for (_, value) in self.answers.iter() {
            value.track();
        }
        self.location.track();
        self.address.track();
        self.description.track();
        self.contact.track();
    }
}
