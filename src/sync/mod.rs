//! Delivering saved reports to the city exactly once: the states a report moves through,
//! how server answers are read, and when to try again.

pub mod already_filed;
pub mod background;
pub mod delivery;
pub mod engine;
pub(crate) mod lock;
pub mod outcome;
pub mod status;
pub mod triggers;
