//! The app's database: everything the person files is saved in IndexedDB before anything
//! else happens to it, so nothing is lost across reloads, closed tabs and dead batteries.
//!
//! [`open`] gives a [`Db`]; its transactions, the codec between records and JavaScript values,
//! and the schema with its upgrade steps live here. The records themselves and the code that
//! reads and writes them belong to their features (the outbox, the tracker, the catalogue,
//! nearby). Every failure is a [`StoreError`], which has a sentence for the person.

pub(crate) mod codec;
mod db;
mod error;
mod ids;
pub(crate) mod keyed;
pub mod quota;
pub(crate) mod schema;

pub use db::{DEFAULT_NAME, Db, delete_database, open, open_at};
pub use error::StoreError;
pub use ids::{IdempotencyKey, InvalidId, PhotoId, ReportId};
pub use schema::VERSION;
