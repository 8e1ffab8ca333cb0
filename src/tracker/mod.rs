//! The service tracker: the requests the person follows, kept up to date with few calls,
//! and the notifications when the city changes one.

mod batch;
pub mod changes;
pub mod follow;
pub mod listing;
pub mod notice;
pub mod notify;
mod refresher;
mod schedule;
pub mod timeline;
mod triggers;

pub use refresher::{Tracker, TrackerSignals};
pub use triggers::install;
