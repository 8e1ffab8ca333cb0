//! When to try again after a transient failure: the outbox's retries and the tracker's
//! pauses alike.

/// The first retry waits about this long.
const BASE_MS: u64 = 2_000;
/// No backoff grows past this, so a report waits at most a few minutes once the network is back.
const CAP_MS: u64 = 5 * 60_000;
/// A server's `Retry-After` is honoured up to this; beyond it, it is more likely a mistake.
const RETRY_AFTER_CAP_MS: u64 = 60 * 60_000;

/// Milliseconds to wait before attempt `attempts + 1`, after `attempts` failed ones.
///
/// Exponential with "equal jitter": half the delay is fixed, half is spread by `jitter`
/// (a random number in `[0, 1)`), so a fleet of phones coming back online does not retry in
/// step. A server's `Retry-After` is a floor.
pub fn delay_ms(attempts: u32, jitter: f64, retry_after_ms: Option<u64>) -> u64 {
    let doublings = attempts.saturating_sub(1).min(20);
    let exponential = BASE_MS.saturating_mul(1 << doublings).min(CAP_MS);
    let half = exponential / 2;
    // Truncation is intended: jitter spreads the delay by whole milliseconds.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let spread = (jitter.clamp(0.0, 1.0) * half as f64) as u64;
    let floor = retry_after_ms.unwrap_or(0).min(RETRY_AFTER_CAP_MS);
    (half + spread).max(floor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_exponentially_within_jitter_bounds() {
        for (attempts, expected) in [(1, 2_000), (2, 4_000), (3, 8_000), (4, 16_000)] {
            assert_eq!(delay_ms(attempts, 0.0, None), expected / 2);
            assert_eq!(delay_ms(attempts, 0.999_999, None), expected - 1);
        }
    }

    #[test]
    fn is_capped() {
        assert_eq!(delay_ms(40, 1.0, None), CAP_MS);
        assert_eq!(delay_ms(u32::MAX, 0.5, None), CAP_MS / 2 + CAP_MS / 4);
    }

    #[test]
    fn honours_retry_after_as_a_floor() {
        assert_eq!(delay_ms(1, 0.0, Some(30_000)), 30_000);
        assert_eq!(delay_ms(10, 1.0, Some(1_000)), delay_ms(10, 1.0, None));
        assert_eq!(delay_ms(1, 0.0, Some(u64::MAX)), RETRY_AFTER_CAP_MS);
    }
}
