//! One holder at a time without Web Locks: a lease kept in `localStorage`, which every page of
//! the origin sees at once. The holder renews it while it works and gives it back when done;
//! a holder that died (a closed tab) loses it when it runs out.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use gloo_timers::future::sleep;
use serde::{Deserialize, Serialize};

use crate::time::now_ms;

/// How long a lease holds without being renewed.
pub const TERM_MS: u64 = 15_000;
/// How often the holder renews it: well within the term, so a busy page keeps it.
pub const RENEW_MS: u64 = 5_000;
const _: () = assert!(RENEW_MS * 2 < TERM_MS);

/// Who holds the lease, and until when (milliseconds since the epoch).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    pub holder: String,
    pub until_ms: u64,
}

impl Lease {
    /// A lease for `holder` from `now_ms`.
    pub fn new(holder: &str, now_ms: u64) -> Self {
        Lease {
            holder: holder.to_owned(),
            until_ms: now_ms + TERM_MS,
        }
    }

    /// Whether `holder` may take the lease that `current` describes at `now_ms`: it is free, run
    /// out, or already theirs.
    pub fn may_take(current: Option<&Lease>, holder: &str, now_ms: u64) -> bool {
        current.is_none_or(|lease| lease.holder == holder || lease.until_ms <= now_ms)
    }
}

/// Runs `work` holding the lease `name` across this origin's pages, waiting for it while
/// another page holds it; where there is no `localStorage` (a worker), runs it at once.
pub async fn hold<F>(name: &str, work: impl FnOnce() -> F)
where
    F: Future<Output = ()>,
{
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        work().await;
        return;
    };
    let key = format!("report311-lease:{name}");
    let me = uuid::Uuid::new_v4().to_string();
    let read = || {
        storage
            .get_item(&key)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str::<Lease>(&text).ok())
    };
    let write = |lease: &Lease| {
        if let Ok(text) = serde_json::to_string(lease) {
            let _ = storage.set_item(&key, &text);
        }
    };
    loop {
        if Lease::may_take(read().as_ref(), &me, now_ms()) {
            write(&Lease::new(&me, now_ms()));
            // Two pages that found it free at once both wrote; the last write stands, and the
            // other sees so here.
            sleep(Duration::from_millis(50)).await;
            if read().is_some_and(|lease| lease.holder == me) {
                break;
            }
        }
        sleep(Duration::from_millis(500)).await;
    }
    let done = Rc::new(Cell::new(false));
    {
        let (done, storage, key, me) = (done.clone(), storage.clone(), key.clone(), me.clone());
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                sleep(Duration::from_millis(RENEW_MS)).await;
                if done.get() {
                    return;
                }
                if let Ok(text) = serde_json::to_string(&Lease::new(&me, now_ms())) {
                    let _ = storage.set_item(&key, &text);
                }
            }
        });
    }
    work().await;
    done.set(true);
    if read().is_some_and(|lease| lease.holder == me) {
        let _ = storage.remove_item(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_or_run_out_lease_may_be_taken_and_a_held_one_may_not() {
        assert!(Lease::may_take(None, "a", 0));
        let held = Lease::new("a", 1_000);
        assert!(!Lease::may_take(Some(&held), "b", 1_000 + TERM_MS - 1));
        assert!(Lease::may_take(Some(&held), "b", 1_000 + TERM_MS));
        assert!(Lease::may_take(Some(&held), "a", 1_500));
    }
}
