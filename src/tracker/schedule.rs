//! When the next status refresh runs: every few minutes, sooner after a network failure,
//! and no sooner than the server allows after it answers 429.

use crate::backoff::delay_ms;

/// How a refresh ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// Every batch was answered.
    Done,
    /// The server said 429, perhaps with how long to wait.
    RateLimited { retry_after_ms: Option<u64> },
    /// No answer, or one the app could not read.
    Failed,
}

/// The time of the next refresh after one that `ended` at `now_ms`, the `failures`-th in a
/// row if it failed, with the refresh `interval_ms` and a `jitter` in `[0, 1)`.
pub fn next_refresh_ms(
    now_ms: u64,
    interval_ms: u64,
    ended: Ended,
    failures: u32,
    jitter: f64,
) -> u64 {
    let wait = match ended {
        Ended::Done => interval_ms,
        // Slowing down is what was asked: the interval doubles with each refusal in a row
        // (up to 16 times), and the server's own wait is a floor.
        Ended::RateLimited { retry_after_ms } => {
            let doubled = interval_ms.saturating_mul(1 << failures.saturating_sub(1).min(4));
            doubled.max(retry_after_ms.unwrap_or(0))
        }
        // A dropped connection is worth retrying soon, but never more often than usual.
        Ended::Failed => delay_ms(failures, jitter, None).min(interval_ms),
    };
    now_ms.saturating_add(wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: u64 = 60_000;

    #[test]
    fn a_good_refresh_waits_the_interval() {
        assert_eq!(
            next_refresh_ms(1_000, 3 * MINUTE, Ended::Done, 0, 0.5),
            1_000 + 3 * MINUTE
        );
    }

    #[test]
    fn a_rate_limit_waits_at_least_what_the_server_asked_and_the_interval() {
        let asked = Ended::RateLimited {
            retry_after_ms: Some(10 * MINUTE),
        };
        assert_eq!(next_refresh_ms(0, 3 * MINUTE, asked, 1, 0.0), 10 * MINUTE);
        let unsaid = Ended::RateLimited {
            retry_after_ms: None,
        };
        assert_eq!(next_refresh_ms(0, 3 * MINUTE, unsaid, 1, 0.0), 3 * MINUTE);
        // Repeated refusals back off beyond the interval, within bounds.
        assert_eq!(next_refresh_ms(0, 3 * MINUTE, unsaid, 2, 0.0), 6 * MINUTE);
        assert_eq!(next_refresh_ms(0, 3 * MINUTE, unsaid, 9, 0.0), 48 * MINUTE);
    }

    #[test]
    fn failures_retry_sooner_backing_off_up_to_the_interval() {
        let first = next_refresh_ms(0, 3 * MINUTE, Ended::Failed, 1, 0.0);
        let fifth = next_refresh_ms(0, 3 * MINUTE, Ended::Failed, 5, 0.0);
        assert!(first < fifth && fifth < 3 * MINUTE, "{first} {fifth}");
        assert_eq!(
            next_refresh_ms(0, 3 * MINUTE, Ended::Failed, 30, 0.9),
            3 * MINUTE
        );
    }
}
