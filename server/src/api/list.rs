//! The filters of `requests.json`, read from the query into a storage filter.

use chrono::Duration;
use open311::{Status, Timestamp};

use super::error::Error;
use super::params::Params;
use crate::db::requests::RequestFilter;
use crate::geo::Circle;

/// The spec's default window when no dates are given.
const DEFAULT_WINDOW_DAYS: i64 = 90;
/// The spec's cap when the client does not page.
const UNPAGED_LIMIT: u32 = 1000;
const DEFAULT_PAGE_SIZE: u32 = 50;
const MAX_PAGE_SIZE: u32 = 500;
/// A bare `lat`/`long` searches about as far as SeeClickFix's box.
const DEFAULT_RADIUS_M: f64 = 750.0;
const MAX_RADIUS_M: f64 = 50_000.0;

/// Reads every filter, reporting every unreadable one at once.
pub fn filter(params: &Params, now_ms: i64) -> Result<RequestFilter, Error> {
    let mut problems = Vec::new();
    let mut filter = RequestFilter::default();
    let (limit, offset) = paging(params, &mut problems);
    filter.limit = limit;
    filter.offset = offset;
    if let Some(ids) = params.get("service_request_id") {
        // An id that is not a number cannot exist here: it simply matches nothing.
        filter.ids = Some(list(ids).filter_map(|id| id.parse().ok()).collect());
        return finish(filter, problems);
    }
    filter.service_codes = params
        .get("service_code")
        .map(|c| list(c).map(str::to_owned).collect())
        .unwrap_or_default();
    filter.status = status(params, &mut problems);
    let mut time = |name: &str| {
        let value = params.get(name)?;
        match Timestamp::parse(value) {
            Some(time) => Some(time.0.timestamp_millis()),
            None => {
                problems.push(format!(
                    "{name} is not a date and time with an offset, like 2024-05-01T00:00:00Z."
                ));
                None
            }
        }
    };
    let start = time("start_date");
    let end = time("end_date");
    filter.updated_after_ms = time("updated_after");
    filter.updated_before_ms = time("updated_before");
    let window = Duration::days(DEFAULT_WINDOW_DAYS).num_milliseconds();
    filter.requested_from_ms = Some(start.unwrap_or(end.unwrap_or(now_ms) - window));
    filter.requested_to_ms = end;
    if let (Some(start), Some(end)) = (start, end)
        && start > end
    {
        problems.push("start_date is after end_date.".to_owned());
    }
    filter.within = circle(params, &mut problems);
    finish(filter, problems)
}

fn finish(filter: RequestFilter, problems: Vec<String>) -> Result<RequestFilter, Error> {
    if problems.is_empty() {
        Ok(filter)
    } else {
        Err(Error::Invalid(
            problems
                .into_iter()
                .map(|p| open311::ApiError::new("400", p))
                .collect(),
        ))
    }
}

fn list(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

fn status(params: &Params, problems: &mut Vec<String>) -> Option<Status> {
    let mut wanted = Vec::new();
    for item in list(params.get("status")?) {
        match item.to_ascii_lowercase().as_str() {
            "open" => wanted.push(Status::Open),
            "closed" => wanted.push(Status::Closed),
            _ => problems.push(format!("status “{item}” is neither open nor closed.")),
        }
    }
    match wanted.as_slice() {
        [first, rest @ ..] if rest.iter().all(|s| s == first) => Some(*first),
        _ => None,
    }
}

/// Without `page` or `page_size`, the spec's single page of up to 1,000; with either,
/// Chicago's pages of 50 by default and 500 at most.
fn paging(params: &Params, problems: &mut Vec<String>) -> (u32, u64) {
    let mut number = |name: &str| {
        let value = params.get(name)?;
        match value.parse::<u32>() {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                problems.push(format!("{name} must be a whole number from 1."));
                None
            }
        }
    };
    let (page, size) = (number("page"), number("page_size"));
    if page.is_none() && size.is_none() {
        return (UNPAGED_LIMIT, 0);
    }
    let size = size.unwrap_or(DEFAULT_PAGE_SIZE).min(MAX_PAGE_SIZE);
    let page = page.unwrap_or(1);
    (size, u64::from(page - 1) * u64::from(size))
}

fn circle(params: &Params, problems: &mut Vec<String>) -> Option<Circle> {
    let mut number = |name: &str, range: std::ops::RangeInclusive<f64>| {
        let value = params.get(name)?;
        match value.parse::<f64>() {
            Ok(n) if range.contains(&n) => Some(n),
            _ => {
                problems.push(format!(
                    "{name} must be a number from {} to {}.",
                    range.start(),
                    range.end()
                ));
                None
            }
        }
    };
    let lat = number("lat", -90.0..=90.0);
    let long = number("long", -180.0..=180.0);
    let radius = number("radius", 1.0..=MAX_RADIUS_M);
    let given = |name| params.get(name).is_some();
    match (lat, long) {
        (Some(lat), Some(long)) => Some(Circle {
            lat,
            long,
            radius_m: radius.unwrap_or(DEFAULT_RADIUS_M),
        }),
        _ if (given("lat") != given("long"))
            || (given("radius") && !(given("lat") && given("long"))) =>
        {
            problems.push("lat, long and radius go together: send lat and long, and radius in metres if you like.".to_owned());
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_717_200_000_000;

    fn read(query: &str) -> Result<RequestFilter, Error> {
        filter(&Params::parse(query), NOW)
    }

    #[test]
    fn defaults_are_the_last_90_days_up_to_1000() {
        let filter = read("").unwrap();
        assert_eq!(filter.requested_from_ms, Some(NOW - 90 * 86_400_000));
        assert_eq!(
            (filter.requested_to_ms, filter.limit, filter.offset),
            (None, 1000, 0)
        );
        assert_eq!(
            (filter.status, filter.within, filter.ids),
            (None, None, None)
        );
    }

    #[test]
    fn ids_override_the_other_filters() {
        let filter =
            read("service_request_id=12, 15,x&status=closed&start_date=2024-01-01T00:00:00Z")
                .unwrap();
        assert_eq!(filter.ids, Some(vec![12, 15]));
        assert_eq!((filter.status, filter.requested_from_ms), (None, None));
    }

    #[test]
    fn codes_statuses_and_dates() {
        let filter = read("service_code=a,b&status=open&start_date=2024-05-01T00:00:00-05:00&end_date=2024-05-31T00:00:00Z&updated_after=2024-05-10T00:00:00Z").unwrap();
        assert_eq!(filter.service_codes, ["a", "b"]);
        assert_eq!(filter.status, Some(Status::Open));
        assert_eq!(filter.requested_from_ms, Some(1_714_539_600_000));
        assert_eq!(filter.requested_to_ms, Some(1_717_113_600_000));
        assert_eq!(filter.updated_after_ms, Some(1_715_299_200_000));
        assert_eq!(read("status=open,closed").unwrap().status, None);
    }

    #[test]
    fn paging_follows_chicago() {
        assert_eq!(
            (
                read("page=3").unwrap().limit,
                read("page=3").unwrap().offset
            ),
            (50, 100)
        );
        let filter = read("page=2&page_size=10").unwrap();
        assert_eq!((filter.limit, filter.offset), (10, 10));
        assert_eq!(read("page_size=9000").unwrap().limit, 500);
    }

    #[test]
    fn places_are_circles() {
        let filter = read("lat=41.8781&long=-87.6298&radius=200").unwrap();
        assert_eq!(
            filter.within,
            Some(Circle {
                lat: 41.8781,
                long: -87.6298,
                radius_m: 200.0
            })
        );
        assert_eq!(
            read("lat=41.8781&long=-87.6298")
                .unwrap()
                .within
                .unwrap()
                .radius_m,
            750.0
        );
    }

    #[test]
    fn every_bad_parameter_is_reported() {
        let Err(Error::Invalid(problems)) =
            read("status=pending&start_date=yesterday&page=0&lat=91&long=0&radius=-1")
        else {
            panic!("expected problems");
        };
        assert_eq!(problems.len(), 5, "{problems:?}");
        let Err(Error::Invalid(problems)) = read("lat=41.8") else {
            panic!()
        };
        assert_eq!(problems.len(), 1);
        assert!(read("start_date=2024-06-01T00:00:00Z&end_date=2024-05-01T00:00:00Z").is_err());
    }
}
