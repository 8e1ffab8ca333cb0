//! The app's storage: everything the person files is saved in IndexedDB before anything else
//! happens to it, so nothing is lost across reloads, closed tabs and dead batteries.
//!
//! [`open`] gives a [`Db`]; the modules below read and write one kind of record each. Every
//! failure is a [`StoreError`], which has a sentence for the person.

pub mod catalogue;
mod codec;
mod db;
pub mod drafts;
mod error;
mod ids;
mod keyed;
pub mod nearby;
pub mod outbox;
pub mod quota;
mod records;
mod schema;
pub mod settings;
pub mod tracked;

pub use db::{DEFAULT_NAME, Db, delete_database, open, open_at};
pub use drafts::Written;
pub use error::StoreError;
pub use ids::{IdempotencyKey, InvalidId, PhotoId, ReportId};
pub use records::{OutboxReport, ReportIdentity, SavedDraft, StoredPhoto, TrackedRequest};
pub use schema::VERSION;
