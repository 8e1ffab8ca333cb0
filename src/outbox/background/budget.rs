//! How long one Background Sync event goes on sending before it leaves the rest to the
//! browser's own retry.

/// The browser ends a sync event that runs too long (Chrome after three minutes) and counts it
/// as failed; a run that began within this budget may still take a request's time limit.
pub const BUDGET_MS: u64 = 90_000;

/// The shortest wait between two runs, so that a report the run could not move (its state could
/// not be saved, say) does not spin the worker.
pub const MIN_WAIT_MS: u64 = 1_000;

/// What the event does after a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterRun {
    /// Nothing is left to send: the event succeeds.
    Done,
    /// A report is due again within the budget (a token to resolve, a short backoff): wait
    /// this many milliseconds, then run again.
    Wait(u64),
    /// Reports are due after the budget: the event fails, so the browser fires it again later.
    Retry,
}

/// Decides after a run that found the earliest unsettled report due at `next_due_ms`, for an
/// event that started at `started_ms`.
pub fn after_run(next_due_ms: Option<u64>, started_ms: u64, now_ms: u64) -> AfterRun {
    let Some(due_ms) = next_due_ms else {
        return AfterRun::Done;
    };
    let wait = due_ms.saturating_sub(now_ms).max(MIN_WAIT_MS);
    if now_ms.saturating_add(wait) <= started_ms.saturating_add(BUDGET_MS) {
        AfterRun::Wait(wait)
    } else {
        AfterRun::Retry
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_outbox_is_done() {
        assert_eq!(after_run(None, 0, 5_000), AfterRun::Done);
    }

    #[test]
    fn waits_for_what_is_due_soon() {
        // A token handed out a moment ago is due at once: asked after the shortest wait.
        assert_eq!(
            after_run(Some(1_000), 0, 2_000),
            AfterRun::Wait(MIN_WAIT_MS)
        );
        assert_eq!(after_run(Some(12_000), 0, 2_000), AfterRun::Wait(10_000));
        assert_eq!(
            after_run(Some(BUDGET_MS), 0, 2_000),
            AfterRun::Wait(BUDGET_MS - 2_000)
        );
    }

    #[test]
    fn leaves_to_the_browser_what_is_due_after_the_budget() {
        assert_eq!(after_run(Some(BUDGET_MS + 1), 0, 2_000), AfterRun::Retry);
        // Even the shortest wait would end past the budget.
        let late = 50_000 + BUDGET_MS - MIN_WAIT_MS / 2;
        assert_eq!(after_run(Some(late), 50_000, late), AfterRun::Retry);
    }
}
