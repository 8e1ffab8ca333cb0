//! Asking for the open requests around a place: a recent check when there is one, else the
//! server, else (offline, or the server failing) an older check of the same area.

use open311::{ServiceCode, ServiceRequest};

use super::area::AreaFetch;
use super::error::NearbyError;
use super::kept_areas as kept;
use super::radius::Radius;
use crate::client::{Endpoints, http};
use crate::geography::Point;
use crate::platform::scope::online;
use crate::store::Db;
use crate::time::now_ms;

/// What a check found around a place.
#[derive(Debug)]
pub struct Findings {
    pub area: AreaFetch,
    /// Why an earlier check stands in for the server's answer, when one does.
    pub stale: Option<NearbyError>,
}

/// The open requests of `service` within `radius` of `at` (and around it), for [`Listing`]
/// to choose from.
///
/// [`Listing`]: super::offered::Listing
pub async fn look_up(
    db: &Db,
    endpoints: &Endpoints,
    service: &ServiceCode,
    at: Point,
    radius: Radius,
) -> Result<Findings, NearbyError> {
    // Unreadable history is no history: the server can still answer.
    let mut history = kept::get_areas(db, service)
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    let recent = history
        .covering(at, radius)
        .filter(|area| area.is_fresh(now_ms()));
    let answered = if !online() {
        // Even a recent check is said to be one: the person should know nothing was asked.
        Err(NearbyError::Offline)
    } else if let Some(area) = recent {
        return Ok(Findings {
            area: area.clone(),
            stale: None,
        });
    } else {
        fetch(endpoints, service, at, radius).await
    };
    match answered {
        Ok(requests) => {
            let area = AreaFetch::new(service.clone(), at, radius, now_ms(), requests);
            history.remember(area.clone());
            // Kept only for checking offline later: the person has the answer either way.
            let _ = kept::put_areas(db, service, &history).await;
            Ok(Findings { area, stale: None })
        }
        Err(error) => match history.covering(at, radius) {
            Some(area) => Ok(Findings {
                area: area.clone(),
                stale: Some(error),
            }),
            None => Err(error),
        },
    }
}

async fn fetch(
    endpoints: &Endpoints,
    service: &ServiceCode,
    at: Point,
    radius: Radius,
) -> Result<Vec<ServiceRequest>, NearbyError> {
    let url = area_url(endpoints, service, at, radius);
    Ok(http::get(&url, &[]).await?.decode(endpoints.format())?)
}

/// The open requests of `service` around `at`. A server with the radius extension answers
/// the fetched circle; one without ignores `lat`, `long` and `radius` and answers its recent
/// requests of the service (the last 90 days by the spec), which the device then filters.
fn area_url(endpoints: &Endpoints, service: &ServiceCode, at: Point, radius: Radius) -> String {
    // Six decimals is about 10 cm.
    let (lat, long) = (
        format!("{:.6}", at.latitude),
        format!("{:.6}", at.longitude),
    );
    let radius_m = format!("{:.0}", AreaFetch::fetch_radius_m(radius).ceil());
    endpoints.requests(&[
        ("service_code", service.as_str()),
        ("status", "open"),
        ("lat", &lat),
        ("long", &long),
        ("radius", &radius_m),
        // Where the photos are, on servers that list them only among the extensions.
        ("extensions", "true"),
    ])
}

#[cfg(test)]
mod tests {
    use open311::Format;

    use super::*;
    use crate::nearby::fixtures::{STATE_AND_JACKSON, pothole};

    #[test]
    fn asks_for_open_requests_of_the_service_in_a_circle_wider_than_shown() {
        let endpoints = Endpoints::new("/open311/v2", Format::Xml, None);
        assert_eq!(
            area_url(&endpoints, &pothole(), STATE_AND_JACKSON, Radius::default()),
            "/open311/v2/requests.xml?service_code=pothole_in_street&status=open\
             &lat=41.878100&long=-87.629800&radius=200&extensions=true"
        );
    }
}
