//! What one check fetched around a place, and the checks kept for going offline.

use open311::{ServiceCode, ServiceRequest};
use serde::{Deserialize, Serialize};

use super::distance::{distance_m, moved};
use super::offered::candidate;
use super::radius::Radius;
use crate::geography::Point;

/// An area is fetched this many times wider than the radius shown, so the person can move by
/// a radius and more (a second tap of "Find my location", the next report down the street)
/// and the fetch still covers everything within the radius of where they are.
const WIDER: f64 = 2.0;

/// A check younger than this is answered from the device without asking the server again.
pub const FRESH_FOR_MS: u64 = 10 * 60 * 1000;

/// How many checked areas are kept per service: the places the person reports from most.
const KEPT_AREAS: usize = 8;

/// The open requests of one service that a check found within a circle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaFetch {
    pub service_code: ServiceCode,
    pub centre: Point,
    /// The circle's radius, in metres.
    pub radius_m: f64,
    /// When the server answered (milliseconds since the epoch).
    pub fetched_ms: u64,
    /// Only the open requests of the service inside the circle: a server without the
    /// radius extension answers its recent requests of the whole city, which are not kept.
    pub requests: Vec<ServiceRequest>,
}

impl AreaFetch {
    /// The circle to fetch so that `radius` around `centre` is covered, with room to move.
    pub fn fetch_radius_m(radius: Radius) -> f64 {
        radius.metres() * WIDER
    }

    /// What the server answered for `service` around `centre`, fetched with
    /// [`fetch_radius_m`](Self::fetch_radius_m) at `fetched_ms`.
    pub fn new(
        service_code: ServiceCode,
        centre: Point,
        radius: Radius,
        fetched_ms: u64,
        answered: Vec<ServiceRequest>,
    ) -> Self {
        let radius_m = Self::fetch_radius_m(radius);
        let requests = answered
            .into_iter()
            .filter(|request| {
                candidate(request, &service_code)
                    .is_some_and(|(_, at)| distance_m(centre, at) <= radius_m)
            })
            .collect();
        AreaFetch {
            service_code,
            centre,
            radius_m,
            fetched_ms,
            requests,
        }
    }

    /// Whether everything within `radius` of `at` lies inside this fetch's circle.
    pub fn covers(&self, at: Point, radius: Radius) -> bool {
        distance_m(self.centre, at) + radius.metres() <= self.radius_m
    }

    /// Whether it is recent enough to stand for asking the server at `now_ms`.
    pub fn is_fresh(&self, now_ms: u64) -> bool {
        now_ms.saturating_sub(self.fetched_ms) < FRESH_FOR_MS
    }
}

/// The areas checked for one service, newest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AreaHistory {
    areas: Vec<AreaFetch>,
}

impl AreaHistory {
    /// The newest check whose circle covers `radius` around `at`.
    pub fn covering(&self, at: Point, radius: Radius) -> Option<&AreaFetch> {
        self.areas.iter().find(|area| area.covers(at, radius))
    }

    /// Keeps `fetch` as the newest check, in place of older checks of the same spot, and
    /// forgets the oldest beyond the few kept.
    pub fn remember(&mut self, fetch: AreaFetch) {
        self.areas.retain(|older| moved(older.centre, fetch.centre));
        self.areas.insert(0, fetch);
        self.areas.truncate(KEPT_AREAS);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.areas.len()
    }
}

#[cfg(test)]
mod tests {
    use open311::{ServiceRequestId, Status};

    use super::*;
    use crate::nearby::fixtures::{NOW, STATE_AND_JACKSON, north_of, open_at, pothole};

    fn fetched_at(centre: Point, fetched_ms: u64) -> AreaFetch {
        AreaFetch::new(pothole(), centre, Radius::default(), fetched_ms, Vec::new())
    }

    #[test]
    fn keeps_only_what_lies_in_its_circle() {
        let answered = vec![
            open_at("near", north_of(STATE_AND_JACKSON, 150.0)),
            open_at("far", north_of(STATE_AND_JACKSON, 250.0)),
            ServiceRequest {
                status: Some(Status::Closed),
                ..open_at("closed", STATE_AND_JACKSON)
            },
        ];
        let area = AreaFetch::new(
            pothole(),
            STATE_AND_JACKSON,
            Radius::default(),
            NOW,
            answered,
        );
        assert_eq!(area.radius_m, 200.0);
        let kept: Vec<_> = area
            .requests
            .iter()
            .filter_map(|r| r.service_request_id.as_ref().map(ServiceRequestId::as_str))
            .collect();
        assert_eq!(kept, ["near"]);
    }

    #[test]
    fn covers_a_point_while_its_whole_radius_stays_inside() {
        let area = fetched_at(STATE_AND_JACKSON, NOW);
        let radius = Radius::default();
        assert!(area.covers(STATE_AND_JACKSON, radius));
        assert!(area.covers(north_of(STATE_AND_JACKSON, 99.0), radius));
        assert!(!area.covers(north_of(STATE_AND_JACKSON, 101.0), radius));
        let wide = Radius::try_from(150).unwrap();
        assert!(!area.covers(north_of(STATE_AND_JACKSON, 60.0), wide));
    }

    #[test]
    fn is_fresh_for_ten_minutes() {
        let area = fetched_at(STATE_AND_JACKSON, NOW);
        assert!(area.is_fresh(NOW));
        assert!(area.is_fresh(NOW + FRESH_FOR_MS - 1));
        assert!(!area.is_fresh(NOW + FRESH_FOR_MS));
        assert!(
            area.is_fresh(NOW - 5_000),
            "a clock set back is not staleness"
        );
    }

    #[test]
    fn the_newest_covering_check_answers() {
        let mut history = AreaHistory::default();
        let here = STATE_AND_JACKSON;
        let up_the_street = north_of(here, 150.0);
        history.remember(fetched_at(here, NOW));
        history.remember(fetched_at(up_the_street, NOW + 1));
        assert_eq!(history.len(), 2);
        let radius = Radius::default();
        assert_eq!(
            history.covering(here, radius).map(|a| a.fetched_ms),
            Some(NOW)
        );
        let between = north_of(here, 75.0);
        assert_eq!(
            history.covering(between, radius).map(|a| a.fetched_ms),
            Some(NOW + 1)
        );
        assert_eq!(history.covering(north_of(here, 400.0), radius), None);
    }

    #[test]
    fn a_new_check_replaces_the_ones_it_covers_and_few_are_kept() {
        let mut history = AreaHistory::default();
        history.remember(fetched_at(STATE_AND_JACKSON, NOW));
        history.remember(fetched_at(north_of(STATE_AND_JACKSON, 5.0), NOW + 1));
        assert_eq!(history.len(), 1, "the same spot checked again");
        for n in 1..=20_u32 {
            history.remember(fetched_at(
                north_of(STATE_AND_JACKSON, 500.0 * f64::from(n)),
                NOW + 1 + u64::from(n),
            ));
        }
        assert_eq!(history.len(), KEPT_AREAS);
        assert_eq!(history.covering(STATE_AND_JACKSON, Radius::default()), None);
    }
}
