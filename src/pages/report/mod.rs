//! Reporting a problem: choosing the kind of problem, then filling in its form.

mod catalogue;
mod contact_section;
mod draft;
mod fields;
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

pub use catalogue::ReportSection;
pub use photos::{PHOTO_NOT_READY, PhotoTray};
pub use report_form::ReportForm;
pub use service_page::ServicePage;
pub use service_picker::ServicePicker;

/// What happens to a report that passed validation: it is given the draft and the
/// service's name (for showing the report before it reaches the city). The signal holds the
/// sentence to show when it could not be saved (the form stays as it is, nothing lost).
#[derive(Clone, Copy)]
pub struct SubmitReport(pub Callback<(Draft, String)>, pub RwSignal<Option<String>>);
