//! Finding a report on the server when an earlier POST may have landed unanswered.
//!
//! The idempotency key already makes a re-POST safe on servers that honour it; on servers
//! that ignore it, the app looks through the recent requests of the same service for one
//! that is unmistakably this report before posting again.

use open311::{Draft, ServiceRequest, ServiceRequestId};

/// Coordinates closer than this (in degrees, about 1 m) are the same spot.
const SAME_SPOT: f64 = 1e-5;
/// Servers stamp requests with their own clock: allow for it being behind the phone's.
const CLOCK_SKEW_MS: i64 = 10 * 60_000;

/// The `start_date` to ask for: a little before the report was first saved, as RFC 3339.
pub fn search_since(created_ms: u64) -> String {
    let since = i64::try_from(created_ms).unwrap_or(i64::MAX) - CLOCK_SKEW_MS;
    chrono::DateTime::from_timestamp_millis(since)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The id of the request among `candidates` that is this `draft`, if one is.
///
/// Same service, same description, same spot (or same address when there are no
/// coordinates), and filed after the report was saved (less clock skew).
pub fn find_filed(
    draft: &Draft,
    created_ms: u64,
    candidates: &[ServiceRequest],
) -> Option<ServiceRequestId> {
    let created_ms = i64::try_from(created_ms).ok()?;
    candidates
        .iter()
        .filter(|c| c.service_code.as_ref() == Some(&draft.service_code))
        .filter(|c| same_text(c.description.as_deref(), draft.description.as_deref()))
        .filter(|c| same_place(c, draft))
        .filter(|c| {
            c.requested_datetime
                .as_ref()
                .is_none_or(|t| t.0.timestamp_millis() >= created_ms - CLOCK_SKEW_MS)
        })
        .find_map(|c| c.service_request_id.clone())
}

fn same_text(server: Option<&str>, ours: Option<&str>) -> bool {
    let normal = |t: Option<&str>| {
        t.map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    normal(server) == normal(ours)
}

fn same_place(candidate: &ServiceRequest, draft: &Draft) -> bool {
    match (
        candidate.lat.zip(candidate.long),
        draft.location.lat.zip(draft.location.long),
    ) {
        (Some((lat, long)), Some((our_lat, our_long))) => {
            (lat - our_lat).abs() < SAME_SPOT && (long - our_long).abs() < SAME_SPOT
        }
        (None, None) => same_text(
            candidate.address.as_deref(),
            draft.location.address_string.as_deref(),
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use open311::{Location, ServiceCode, Timestamp};

    use super::*;

    const SAVED_MS: u64 = 1_764_000_000_000;

    fn draft() -> Draft {
        Draft {
            service_code: ServiceCode::new("pothole"),
            description: Some("Deep hole by the bus stop".into()),
            location: Location {
                lat: Some(41.878_1),
                long: Some(-87.629_8),
                ..Location::default()
            },
            ..Draft::default()
        }
    }

    fn filed(id: &str, minutes_after_save: i64) -> ServiceRequest {
        let at =
            chrono::DateTime::from_timestamp_millis(SAVED_MS as i64 + minutes_after_save * 60_000)
                .unwrap()
                .fixed_offset();
        ServiceRequest {
            service_request_id: Some(ServiceRequestId::new(id)),
            service_code: Some(ServiceCode::new("pothole")),
            description: Some(" Deep hole by the bus stop ".into()),
            lat: Some(41.878_100_4),
            long: Some(-87.629_800_2),
            requested_datetime: Some(Timestamp(at)),
            ..ServiceRequest::default()
        }
    }

    #[test]
    fn finds_its_own_report() {
        let candidates = [filed("7", 2)];
        assert_eq!(
            find_filed(&draft(), SAVED_MS, &candidates),
            Some(ServiceRequestId::new("7"))
        );
    }

    #[test]
    fn ignores_look_alikes() {
        let mut elsewhere = filed("1", 2);
        elsewhere.lat = Some(41.879);
        let mut other_words = filed("2", 2);
        other_words.description = Some("Another hole".into());
        let mut other_service = filed("3", 2);
        other_service.service_code = Some(ServiceCode::new("graffiti"));
        let older = filed("4", -60);
        let candidates = [elsewhere, other_words, other_service, older];
        assert_eq!(find_filed(&draft(), SAVED_MS, &candidates), None);
    }

    #[test]
    fn matches_by_address_without_coordinates() {
        let mut ours = draft();
        ours.location = Location {
            address_string: Some("121 N LaSalle St".into()),
            ..Location::default()
        };
        let mut theirs = filed("9", 1);
        theirs.lat = None;
        theirs.long = None;
        theirs.address = Some("121 N LaSalle St".into());
        assert_eq!(
            find_filed(&ours, SAVED_MS, &[theirs]),
            Some(ServiceRequestId::new("9"))
        );
    }

    #[test]
    fn searches_from_a_little_before_the_save() {
        assert_eq!(search_since(SAVED_MS), "2025-11-24T15:50:00Z");
    }
}
