//! The outbox: the reports saved on the device, and their delivery to the city exactly once.
//! Filing and refiling (the screens' use cases), the states a report moves through, how the
//! server's answers are read, when to try again, and what sends.

pub mod already_filed;
pub mod background;
pub mod delivery;
pub mod drafts;
pub mod engine;
pub mod filing;
pub(crate) mod lock;
pub mod outcome;
pub mod promise;
mod records;
pub mod remembered_contact;
pub mod reports;
pub mod send_triggers;
pub mod status;

pub use drafts::Written;
pub use records::{OutboxReport, ReportIdentity, SavedDraft, StoredPhoto};
