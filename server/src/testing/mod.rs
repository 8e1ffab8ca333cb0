//! What tests, demos and load tests use, apart from what serves a resident: the admin API
//! behind its own token, the faults it injects, and generated requests to fill a database.

pub mod admin;
pub mod faults;
pub mod fill;
