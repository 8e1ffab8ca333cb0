//! Places and requests the tests of this module share.

use open311::{ServiceCode, ServiceRequest, ServiceRequestId, Status};

use crate::geography::Point;

/// A moment to measure from (1 June 2024, in milliseconds since the epoch).
pub const NOW: u64 = 1_717_200_000_000;

/// Where the reference server's open pothole is, on State Street at Jackson.
pub const STATE_AND_JACKSON: Point = Point {
    latitude: 41.8781,
    longitude: -87.6298,
};

/// `metres` due north of `from` (a degree of latitude is about 111.2 km everywhere).
pub fn north_of(from: Point, metres: f64) -> Point {
    Point {
        latitude: from.latitude + metres / 111_195.0,
        ..from
    }
}

pub fn pothole() -> ServiceCode {
    ServiceCode::new("pothole_in_street")
}

/// An open pothole `id` at `at`.
pub fn open_at(id: &str, at: Point) -> ServiceRequest {
    ServiceRequest {
        service_request_id: Some(ServiceRequestId::new(id)),
        status: Some(Status::Open),
        service_code: Some(pothole()),
        lat: Some(at.latitude),
        long: Some(at.longitude),
        ..ServiceRequest::default()
    }
}
