//! Reporting a problem: choosing the kind of problem, then filling in its form.

mod address_help;
mod autosave;
mod contact_section;
mod form_state;
mod journal;
mod local_time;
mod location_map;
mod location_section;
mod nearby_panel;
mod photos;
mod question;
mod report_form;
mod review_step;
mod section;
mod send;
mod service_page;
mod service_picker;

pub use photos::PhotoTray;
pub use report_form::ReportForm;
pub use section::ReportSection;
pub use send::send_action;
pub use service_page::ServicePage;
pub use service_picker::ServicePicker;
