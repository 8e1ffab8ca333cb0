//! The `Retry-After` header, by which a server says when to ask again.

/// Reads a `Retry-After` header: delay-seconds, or an HTTP date compared with `now_ms`.
pub fn parse(value: &str, now_ms: u64) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1_000));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at_ms = u64::try_from(date.timestamp_millis()).ok()?;
    Some(at_ms.saturating_sub(now_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_retry_after_in_both_forms() {
        assert_eq!(parse(" 120 ", 0), Some(120_000));
        // 2015-10-21T07:28:00Z, 10 seconds after "now".
        let now = 1_445_412_470_000;
        assert_eq!(parse("Wed, 21 Oct 2015 07:28:00 GMT", now), Some(10_000));
        assert_eq!(
            parse("Wed, 21 Oct 2015 07:28:00 GMT", now + 60_000),
            Some(0)
        );
        assert_eq!(parse("soon", now), None);
    }
}
