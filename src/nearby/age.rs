//! How long ago something happened, in the words a person uses.

const MINUTE_MS: u64 = 60_000;
const HOUR_MS: u64 = 60 * MINUTE_MS;
const DAY_MS: u64 = 24 * HOUR_MS;
/// An average month, near enough for "3 months ago".
const MONTH_MS: u64 = 30 * DAY_MS;
const YEAR_MS: u64 = 365 * DAY_MS;

/// "just now", "5 minutes ago", "3 days ago", "2 months ago"... for a moment `then_ms` seen
/// at `now_ms` (milliseconds since the epoch). A moment in the future (a server's clock ahead
/// of the phone's) is "just now".
pub fn ago(then_ms: u64, now_ms: u64) -> String {
    let elapsed = now_ms.saturating_sub(then_ms);
    let (count, unit) = match elapsed {
        e if e < MINUTE_MS => return "just now".to_owned(),
        e if e < HOUR_MS => (e / MINUTE_MS, "minute"),
        e if e < DAY_MS => (e / HOUR_MS, "hour"),
        // Up to two months in days: "45 days ago" says more than "1 month ago".
        e if e < 2 * MONTH_MS => (e / DAY_MS, "day"),
        e if e < YEAR_MS => (e / MONTH_MS, "month"),
        e => (e / YEAR_MS, "year"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural} ago")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nearby::fixtures::NOW;

    fn before(ms: u64) -> String {
        ago(NOW - ms, NOW)
    }

    #[test]
    fn counts_in_the_largest_whole_unit() {
        assert_eq!(before(0), "just now");
        assert_eq!(before(59_999), "just now");
        assert_eq!(before(MINUTE_MS), "1 minute ago");
        assert_eq!(before(59 * MINUTE_MS), "59 minutes ago");
        assert_eq!(before(HOUR_MS), "1 hour ago");
        assert_eq!(before(30 * HOUR_MS), "1 day ago");
        assert_eq!(before(3 * DAY_MS + HOUR_MS), "3 days ago");
        assert_eq!(before(59 * DAY_MS), "59 days ago");
        assert_eq!(before(60 * DAY_MS), "2 months ago");
        assert_eq!(before(364 * DAY_MS), "12 months ago");
        assert_eq!(before(YEAR_MS), "1 year ago");
        assert_eq!(before(3 * YEAR_MS), "3 years ago");
    }

    #[test]
    fn a_clock_ahead_of_the_phone_is_just_now() {
        assert_eq!(ago(NOW + HOUR_MS, NOW), "just now");
    }
}
