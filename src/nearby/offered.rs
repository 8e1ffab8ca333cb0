//! The open requests a person is offered instead of filing again: which, in what order, and
//! how the panel words them.

use open311::{ServiceCode, ServiceRequest, ServiceRequestId, Status};

use super::age::ago;
use super::distance::{away_text, distance_m};
use super::radius::Radius;
use crate::geography::{Point, length_text};

/// More than a handful is a list nobody reads on a phone at the kerb; the nearest are the
/// likeliest to be the same problem.
pub const MAX_SHOWN: usize = 5;

/// An open request of the same service near the chosen place.
#[derive(Clone, Debug, PartialEq)]
pub struct NearbyRequest {
    pub id: ServiceRequestId,
    /// Where it is, for the map.
    pub place: Point,
    /// From the chosen place, in metres.
    pub distance_m: f64,
    /// When it was filed (milliseconds since the epoch), if the server said.
    pub requested_ms: Option<u64>,
    /// What the city says about it.
    pub status_notes: Option<String>,
    pub description: Option<String>,
    /// Its first photo.
    pub photo_url: Option<String>,
}

impl NearbyRequest {
    fn new(id: &ServiceRequestId, place: Point, distance_m: f64, request: &ServiceRequest) -> Self {
        let text = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(str::to_owned)
        };
        NearbyRequest {
            id: id.clone(),
            place,
            distance_m,
            requested_ms: request
                .requested_datetime
                .and_then(|at| u64::try_from(at.0.timestamp_millis()).ok()),
            status_notes: text(&request.status_notes),
            description: text(&request.description),
            photo_url: request.first_photo_url().map(str::to_owned),
        }
    }

    /// "40 m away".
    pub fn distance_text(&self) -> String {
        away_text(self.distance_m)
    }

    /// "reported 3 days ago", seen at `now_ms`.
    pub fn age_text(&self, now_ms: u64) -> Option<String> {
        self.requested_ms
            .map(|requested| format!("reported {}", ago(requested, now_ms)))
    }

    /// "Open", with the city's note when it gave one.
    pub fn status_text(&self) -> String {
        match &self.status_notes {
            Some(notes) => format!("Open: {notes}"),
            None => "Open".to_owned(),
        }
    }
}

/// The id and place of `request` if it is an open request of `service` that can be offered:
/// without an id it cannot be followed, and without a place it cannot be near.
pub(crate) fn candidate<'r>(
    request: &'r ServiceRequest,
    service: &ServiceCode,
) -> Option<(&'r ServiceRequestId, Point)> {
    // A server that leaves out the code was asked for this service only; one that names
    // another has ignored the filter.
    let same_service = request
        .service_code
        .as_ref()
        .is_none_or(|code| code == service);
    if request.status != Some(Status::Open) || !same_service {
        return None;
    }
    let (latitude, longitude) = request.lat.zip(request.long)?;
    let on_earth = (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude);
    on_earth.then_some((
        request.service_request_id.as_ref()?,
        Point {
            latitude,
            longitude,
        },
    ))
}

/// The open requests within a radius of a place, nearest first, as many as are shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Listing {
    pub shown: Vec<NearbyRequest>,
    /// How many there are in all.
    pub found: usize,
    pub radius: Radius,
}

impl Listing {
    /// The open requests of `service` among `requests` within `radius` of `at`: nearest first,
    /// and at the same distance the oldest first, the one the city has known longest.
    pub fn nearest(
        requests: &[ServiceRequest],
        service: &ServiceCode,
        at: Point,
        radius: Radius,
    ) -> Self {
        let mut within: Vec<NearbyRequest> = requests
            .iter()
            .filter_map(|request| {
                let (id, place) = candidate(request, service)?;
                let distance = distance_m(at, place);
                (distance <= radius.metres())
                    .then(|| NearbyRequest::new(id, place, distance, request))
            })
            .collect();
        within.sort_by(|a, b| {
            a.distance_m
                .total_cmp(&b.distance_m)
                .then(a.requested_ms.cmp(&b.requested_ms))
        });
        let found = within.len();
        within.truncate(MAX_SHOWN);
        Listing {
            shown: within,
            found,
            radius,
        }
    }

    /// "2 open reports of this kind within 100 m."
    pub fn summary(&self) -> String {
        let within = length_text(self.radius.metres());
        match self.found {
            0 => format!("No open reports of this kind within {within}."),
            1 => format!("1 open report of this kind within {within}."),
            n if n <= MAX_SHOWN => format!("{n} open reports of this kind within {within}."),
            n => format!(
                "{n} open reports of this kind within {within}: the {MAX_SHOWN} nearest are shown."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use open311::{ExtendedAttributes, Photo, Timestamp};

    use super::*;
    use crate::nearby::fixtures::{STATE_AND_JACKSON, north_of, open_at, pothole};

    fn filed(id: &str, metres_north: f64, requested: &str) -> ServiceRequest {
        ServiceRequest {
            requested_datetime: Timestamp::parse(requested),
            ..open_at(id, north_of(STATE_AND_JACKSON, metres_north))
        }
    }

    fn ids(listing: &Listing) -> Vec<&str> {
        listing.shown.iter().map(|r| r.id.as_str()).collect()
    }

    fn around_state_and_jackson(requests: &[ServiceRequest]) -> Listing {
        Listing::nearest(requests, &pothole(), STATE_AND_JACKSON, Radius::default())
    }

    #[test]
    fn offers_open_requests_of_the_service_within_the_radius_nearest_first() {
        let requests = [
            filed("60m", 60.0, "2024-05-01T00:00:00Z"),
            filed("20m", 20.0, "2024-05-02T00:00:00Z"),
            filed("150m", 150.0, "2024-05-03T00:00:00Z"),
            ServiceRequest {
                status: Some(Status::Closed),
                ..filed("closed", 5.0, "2024-05-03T00:00:00Z")
            },
            ServiceRequest {
                service_code: Some(ServiceCode::new("graffiti_removal")),
                ..filed("graffiti", 5.0, "2024-05-03T00:00:00Z")
            },
        ];
        let listing = around_state_and_jackson(&requests);
        assert_eq!(ids(&listing), ["20m", "60m"]);
        assert_eq!(listing.found, 2);
        assert!((listing.shown[0].distance_m - 20.0).abs() < 0.1);
        assert_eq!(
            listing.summary(),
            "2 open reports of this kind within 100 m."
        );
    }

    #[test]
    fn the_radius_is_inclusive_and_configurable() {
        let requests = [filed("edge", 99.9, "2024-05-01T00:00:00Z")];
        assert_eq!(ids(&around_state_and_jackson(&requests)), ["edge"]);
        let narrow = Listing::nearest(
            &requests,
            &pothole(),
            STATE_AND_JACKSON,
            Radius::try_from(50).unwrap(),
        );
        assert_eq!(narrow.found, 0);
        assert_eq!(
            narrow.summary(),
            "No open reports of this kind within 50 m."
        );
    }

    #[test]
    fn at_the_same_distance_the_oldest_comes_first() {
        let requests = [
            filed("newer", 0.0, "2024-05-03T00:00:00Z"),
            filed("older", 0.0, "2024-05-01T00:00:00Z"),
        ];
        assert_eq!(
            ids(&around_state_and_jackson(&requests)),
            ["older", "newer"]
        );
    }

    #[test]
    fn what_cannot_be_followed_or_placed_is_left_out() {
        let nowhere = ServiceRequest {
            lat: None,
            ..open_at("nowhere", STATE_AND_JACKSON)
        };
        let unnamed = ServiceRequest {
            service_request_id: None,
            ..open_at("x", STATE_AND_JACKSON)
        };
        let unknown_status = ServiceRequest {
            status: None,
            ..open_at("unknown", STATE_AND_JACKSON)
        };
        let off_the_map = ServiceRequest {
            lat: Some(f64::NAN),
            ..open_at("nan", STATE_AND_JACKSON)
        };
        let code_left_out = ServiceRequest {
            service_code: None,
            ..open_at("trusted", STATE_AND_JACKSON)
        };
        let listing = around_state_and_jackson(&[
            nowhere,
            unnamed,
            unknown_status,
            off_the_map,
            code_left_out,
        ]);
        assert_eq!(ids(&listing), ["trusted"]);
    }

    #[test]
    fn shows_the_nearest_few_and_says_how_many_there_are() {
        let requests: Vec<_> = (0..8)
            .map(|n| {
                filed(
                    &format!("{n}"),
                    f64::from(70 - n * 10),
                    "2024-05-01T00:00:00Z",
                )
            })
            .collect();
        let listing = around_state_and_jackson(&requests);
        assert_eq!(listing.found, 8);
        assert_eq!(ids(&listing), ["7", "6", "5", "4", "3"]);
        assert_eq!(
            listing.summary(),
            "8 open reports of this kind within 100 m: the 5 nearest are shown."
        );
        assert_eq!(
            around_state_and_jackson(&requests[..1]).summary(),
            "1 open report of this kind within 100 m."
        );
    }

    #[test]
    fn words_each_request_for_the_panel() {
        let request = ServiceRequest {
            status_notes: Some("  ".into()),
            description: Some(" Deep pothole in the right lane. ".into()),
            extended_attributes: Some(ExtendedAttributes {
                photos: vec![Photo {
                    media_url: "/media/1.jpg".into(),
                    ..Photo::default()
                }],
                ..ExtendedAttributes::default()
            }),
            ..filed("1", 40.0, "2024-05-29T00:00:00Z")
        };
        let listing = around_state_and_jackson(std::slice::from_ref(&request));
        let shown = &listing.shown[0];
        assert_eq!(shown.distance_text(), "40 m away");
        let now = Timestamp::parse("2024-06-01T01:00:00Z")
            .unwrap()
            .0
            .timestamp_millis();
        assert_eq!(
            shown.age_text(u64::try_from(now).unwrap()).as_deref(),
            Some("reported 3 days ago")
        );
        assert_eq!(shown.status_text(), "Open");
        assert_eq!(
            shown.description.as_deref(),
            Some("Deep pothole in the right lane.")
        );
        assert_eq!(shown.photo_url.as_deref(), Some("/media/1.jpg"));

        let noted = ServiceRequest {
            status_notes: Some("Crew scheduled.".into()),
            media_url: Some("/media/main.jpg".into()),
            requested_datetime: None,
            ..request
        };
        let shown = &around_state_and_jackson(&[noted]).shown[0];
        assert_eq!(shown.status_text(), "Open: Crew scheduled.");
        assert_eq!(shown.photo_url.as_deref(), Some("/media/main.jpg"));
        assert_eq!(shown.age_text(0), None);
    }
}
