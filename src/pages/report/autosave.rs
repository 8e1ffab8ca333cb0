//! Keeping the report being written on the device as the person goes: a moment after each
//! change, at once when a photo is ready, and at once when the page is hidden (phones kill
//! hidden tabs, often while the person is in the camera app).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use crate::platform::events::page_hidden;

/// How long typing may pause before the draft is saved.
const SETTLE_MS: u32 = 700;

/// The form's draft keeper. Copy, for the form's handlers; it stops with the form.
#[derive(Clone, Copy)]
pub struct Autosave(StoredValue<Rc<Keeper>, LocalStorage>);

struct Keeper {
    save: Box<dyn Fn()>,
    note: Box<dyn Fn()>,
    /// Something changed since the last save.
    dirty: Cell<bool>,
    /// Filed, followed instead, or started over: nothing more is saved.
    stopped: Cell<bool>,
    planned: RefCell<Option<Timeout>>,
    /// Saves when the page is hidden or left.
    _listeners: Vec<EventListener>,
}

impl Autosave {
    /// Keeps the draft with `save` (which reads the form as it stands and writes it to
    /// IndexedDB) from now on, until the form goes or [`stop`](Self::stop) is called; `note`
    /// is called at every change, and must be synchronous (see the journal).
    pub fn new(save: impl Fn() + 'static, note: impl Fn() + 'static) -> Self {
        let keeper = Rc::new_cyclic(|weak: &std::rc::Weak<Keeper>| {
            let on_hidden = {
                let weak = weak.clone();
                move |_: &web_sys::Event| {
                    if page_hidden()
                        && let Some(keeper) = weak.upgrade()
                    {
                        keeper.flush();
                    }
                }
            };
            let on_leave = {
                let weak = weak.clone();
                move |_: &web_sys::Event| {
                    if let Some(keeper) = weak.upgrade() {
                        keeper.flush();
                    }
                }
            };
            let mut listeners = Vec::new();
            if let Some(window) = web_sys::window() {
                if let Some(document) = window.document() {
                    listeners.push(EventListener::new(&document, "visibilitychange", on_hidden));
                }
                listeners.push(EventListener::new(&window, "pagehide", on_leave));
            }
            Keeper {
                save: Box::new(save),
                note: Box::new(note),
                dirty: Cell::new(false),
                stopped: Cell::new(false),
                planned: RefCell::new(None),
                _listeners: listeners,
            }
        });
        let autosave = Autosave(StoredValue::new_local(keeper));
        // A form left by navigation keeps what was typed in its last moment.
        on_cleanup(move || {
            if let Some(keeper) = autosave.0.try_get_value() {
                keeper.flush();
                keeper.stopped.set(true);
            }
        });
        autosave
    }

    /// The form changed: noted at once, saved once typing settles.
    pub fn changed(&self) {
        let Some(keeper) = self.noted() else {
            return;
        };
        let weak = Rc::downgrade(&keeper);
        let timeout = Timeout::new(SETTLE_MS, move || {
            if let Some(keeper) = weak.upgrade() {
                keeper.flush();
            }
        });
        keeper.planned.replace(Some(timeout));
    }

    /// Saves now what changed (a photo became ready).
    pub fn now(&self) {
        if let Some(keeper) = self.noted() {
            keeper.flush();
        }
    }

    /// Notes a change, unless the keeper has stopped.
    fn noted(&self) -> Option<Rc<Keeper>> {
        let keeper = self.0.try_get_value()?;
        if keeper.stopped.get() {
            return None;
        }
        keeper.dirty.set(true);
        (keeper.note)();
        Some(keeper)
    }

    /// Saves nothing more: the draft was filed, followed instead or discarded.
    pub fn stop(&self) {
        if let Some(keeper) = self.0.try_get_value() {
            keeper.stopped.set(true);
            keeper.planned.take();
        }
    }
}

impl Keeper {
    fn flush(&self) {
        self.planned.take();
        if self.stopped.get() || !self.dirty.replace(false) {
            return;
        }
        (self.save)();
    }
}
