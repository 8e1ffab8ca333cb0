//! A planned call, replaced when planned again: the next sync, the next status refresh.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::scope;

/// At most one pending call; dropping it cancels the call.
#[derive(Default)]
pub struct Planned(RefCell<Option<Pending>>);

/// The browser's handle of a pending call, and the callback it holds.
struct Pending(i32, Closure<dyn FnMut()>);

impl Planned {
    /// Calls `callback` once in `delay_ms`, instead of what was planned before.
    pub fn at(&self, delay_ms: u64, callback: impl FnMut() + 'static) {
        self.cancel();
        let callback = Closure::<dyn FnMut()>::new(callback);
        let delay = i32::try_from(delay_ms).unwrap_or(i32::MAX);
        if let Ok(timer) = scope::set_timeout(callback.as_ref().unchecked_ref(), delay) {
            self.0.replace(Some(Pending(timer, callback)));
        }
    }

    /// Calls nothing.
    pub fn cancel(&self) {
        if let Some(Pending(timer, _callback)) = self.0.take() {
            scope::clear_timeout(timer);
        }
    }
}

impl Drop for Planned {
    fn drop(&mut self) {
        self.cancel();
    }
}
