//! The service tracker: the requests the person follows, kept up to date with few calls,
//! and the notifications when the city changes one.

mod batch;
pub mod changes;
pub mod entries;
pub mod follow;
pub mod followed;
pub mod notice;
pub mod notify;
mod refresh_triggers;
mod refresher;
mod schedule;
pub mod timeline;

pub use followed::TrackedRequest;
pub use refresh_triggers::install;
pub use refresher::{Tracker, TrackerSignals};
