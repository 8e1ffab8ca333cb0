//! A planned call, replaced when planned again: the next sync, the next status refresh.

use std::cell::RefCell;

use gloo_timers::callback::Timeout;

/// At most one pending call; dropping it cancels the call.
#[derive(Default)]
pub struct Planned(RefCell<Option<Timeout>>);

impl Planned {
    /// Calls `callback` once in `delay_ms`, instead of what was planned before.
    pub fn at(&self, delay_ms: u64, callback: impl FnOnce() + 'static) {
        let delay = u32::try_from(delay_ms).unwrap_or(u32::MAX);
        self.0.replace(Some(Timeout::new(delay, callback)));
    }

    /// Calls nothing.
    pub fn cancel(&self) {
        if let Some(pending) = self.0.take() {
            pending.cancel();
        }
    }
}
