//! When the cached catalogue must be fetched again.

/// Services and definitions older than a day are refreshed when the app is online.
pub const MAX_AGE_MS: u64 = 24 * 60 * 60 * 1000;

/// Whether something fetched at `fetched_ms` is too old at `now_ms`.
pub fn too_old(fetched_ms: u64, now_ms: u64) -> bool {
    now_ms.saturating_sub(fetched_ms) > MAX_AGE_MS
}

/// Whether discovery's `changeset` says the catalogue changed since it was cached. A server
/// that gives no changeset never says so; age alone refreshes its catalogue.
pub fn changed(cached: Option<&str>, fresh: Option<&str>) -> bool {
    matches!((cached, fresh), (Some(old), Some(new)) if old.trim() != new.trim())
}

/// A definition is current when fetched no earlier than the service list it belongs to:
/// refreshing the list (a changeset or a day's age) makes every definition due again.
pub fn definition_current(definition_fetched_ms: u64, services_fetched_ms: u64) -> bool {
    definition_fetched_ms >= services_fetched_ms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_old_catalogue_is_refreshed() {
        assert!(!too_old(0, MAX_AGE_MS));
        assert!(too_old(0, MAX_AGE_MS + 1));
        assert!(!too_old(10, 5), "a clock set back is not a reason");
    }

    #[test]
    fn only_a_different_changeset_means_change() {
        assert!(changed(Some("2012-08-01 10:00"), Some("2012-09-01 10:00")));
        assert!(!changed(Some("2012-08-01"), Some(" 2012-08-01 ")));
        assert!(!changed(None, Some("2012-08-01")));
        assert!(!changed(Some("2012-08-01"), None));
    }

    #[test]
    fn definitions_follow_their_list() {
        assert!(definition_current(100, 100));
        assert!(!definition_current(99, 100));
    }
}
