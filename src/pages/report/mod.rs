//! Reporting a problem: choosing the kind of problem, then filling in its form.

mod autosave;
mod catalogue;
mod contact_section;
mod draft;
mod fields;
mod journal;
mod local_time;
mod location_section;
mod nearby_panel;
mod photos;
mod problems;
mod question;
mod report_form;
mod review;
mod search;
mod service_page;
mod service_picker;

use leptos::prelude::{Callback, RwSignal};
use open311::Draft;

use crate::store::ReportIdentity;

pub use catalogue::ReportSection;
pub use journal::forget as forget_draft_notes;
pub use photos::{PHOTO_NOT_READY, PhotoTray};
pub use report_form::ReportForm;
pub use service_page::ServicePage;
pub use service_picker::ServicePicker;

/// A report that passed validation, as the person sends it.
#[derive(Clone, Debug)]
pub struct Submission {
    /// Given when the form opened: every tap sends the same report.
    pub identity: ReportIdentity,
    pub draft: Draft,
    /// For showing the report before it reaches the city.
    pub service_name: String,
}

/// What happens to a report that passed validation.
#[derive(Clone, Copy)]
pub struct SubmitReport {
    pub send: Callback<Submission>,
    /// The sentence to show when it could not be saved (the form stays as it is, nothing
    /// lost).
    pub failure: RwSignal<Option<String>>,
}
