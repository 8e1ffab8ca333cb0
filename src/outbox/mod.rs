//! The outbox's use cases: filing a report, and sending a refused one again once fixed. The
//! screens call these; the store keeps the rules (one report per identity), the sync sends.

pub mod filing;
