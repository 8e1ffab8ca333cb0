//! The lowest layer: what windows and workers offer, in the shapes the app uses, written once.
//! Nothing here knows a report, a request or a screen.

pub mod events;
pub mod features;
pub mod lease;
pub mod rerun;
pub mod scope;
pub mod timer;
