//! The outbox: the reports saved on the device, and their delivery to the city exactly once.
//! Filing and refiling (the screens' use cases), the states a report moves through, how the
//! server's answers are read, when to try again, and what sends.

pub mod already_filed;
pub mod background;
pub mod delivery;
pub mod engine;
pub mod filing;
pub(crate) mod lock;
pub mod outcome;
pub mod send_triggers;
pub mod status;
