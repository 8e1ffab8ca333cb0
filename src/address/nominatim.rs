//! The geocoder's language: Nominatim's `search` and `reverse` JSON (the most common open
//! geocoder, and what the city configures as `geocoder`). Read leniently, as servers differ:
//! coordinates as strings or numbers, any address part missing.

use serde::Deserialize;
use serde_json::Value;

use crate::geography::Point;

/// How many matches are offered as the person types.
pub const SUGGESTIONS: usize = 5;

/// An address and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Address {
    /// "121 N LaSalle St": the house number and street when the geocoder gives them, else
    /// the first part of its full name.
    pub label: String,
    pub point: Point,
}

/// Why an answer could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AnswerError {
    #[error("the geocoder's answer is not JSON: {0}")]
    NotJson(String),
    #[error("the geocoder's answer is not in Nominatim's shape")]
    Shape,
}

#[derive(Deserialize)]
struct Place {
    lat: Value,
    lon: Value,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    address: Option<serde_json::Map<String, Value>>,
}

/// The address parts that name the way, in the order tried: Nominatim names the way by its
/// kind, a road, or a pedestrian street, a footway, a square...
const WAY_PARTS: [&str; 5] = ["road", "pedestrian", "footway", "path", "square"];

/// The address of search `base` for what a person typed.
pub fn search_url(base: &str, typed: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", typed.trim())
        .append_pair("format", "jsonv2")
        .append_pair("addressdetails", "1")
        .append_pair("limit", &SUGGESTIONS.to_string())
        .finish();
    format!("{}/search?{query}", base.trim_end_matches('/'))
}

/// The address of reverse `base` for a point: the nearest house (zoom 18).
pub fn reverse_url(base: &str, point: Point) -> String {
    format!(
        "{}/reverse?lat={:.6}&lon={:.6}&format=jsonv2&addressdetails=1&zoom=18",
        base.trim_end_matches('/'),
        point.latitude,
        point.longitude
    )
}

/// The matches of a search answer, in its order; those without a readable place are left out.
pub fn read_search(body: &[u8]) -> Result<Vec<Address>, AnswerError> {
    let places: Vec<Value> = parse(body)?.as_array().ok_or(AnswerError::Shape)?.clone();
    Ok(places.into_iter().filter_map(address).collect())
}

/// The nearest address of a reverse answer, or `None` when the geocoder found nothing there
/// (Nominatim answers `{"error": ...}`).
pub fn read_reverse(body: &[u8]) -> Result<Option<Address>, AnswerError> {
    let value = parse(body)?;
    if value.get("error").is_some() {
        return Ok(None);
    }
    address(value).map(Some).ok_or(AnswerError::Shape)
}

fn parse(body: &[u8]) -> Result<Value, AnswerError> {
    serde_json::from_slice(body).map_err(|error| AnswerError::NotJson(error.to_string()))
}

fn address(value: Value) -> Option<Address> {
    let place: Place = serde_json::from_value(value).ok()?;
    let degrees = |value: &Value| match value {
        Value::String(text) => text.trim().parse::<f64>().ok(),
        Value::Number(number) => number.as_f64(),
        _ => None,
    };
    let point = Point {
        latitude: degrees(&place.lat).filter(|lat| lat.abs() <= 90.0)?,
        longitude: degrees(&place.lon).filter(|lon| lon.abs() <= 180.0)?,
    };
    let parts = place.address.unwrap_or_default();
    let part = |key: &str| {
        parts
            .get(key)
            .and_then(Value::as_str)
            .filter(|value| !value.trim().is_empty())
    };
    let way = WAY_PARTS.iter().find_map(|key| part(key));
    let label = match (part("house_number"), way) {
        (Some(number), Some(road)) => format!("{} {}", number.trim(), road.trim()),
        (None, Some(road)) => road.trim().to_owned(),
        _ => place
            .display_name?
            .split(',')
            .next()
            .map(str::trim)
            .filter(|first| !first.is_empty())?
            .to_owned(),
    };
    Some(Address { label, point })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_answer_gives_house_number_and_street() {
        let body = br#"[{"place_id":1,"lat":"41.8835410","lon":"-87.6318600",
            "display_name":"121 N LaSalle St","address":{"house_number":"121","road":"N LaSalle St"}},
            {"place_id":"2","lat":41.88,"lon":-87.63,"display_name":"Daley Plaza, Chicago, IL"},
            {"lat":"north","lon":"-87.6","display_name":"broken"}]"#;
        let found = read_search(body).unwrap();
        assert_eq!(
            found,
            [
                Address {
                    label: "121 N LaSalle St".into(),
                    point: Point {
                        latitude: 41.883_541,
                        longitude: -87.631_86
                    }
                },
                Address {
                    label: "Daley Plaza".into(),
                    point: Point {
                        latitude: 41.88,
                        longitude: -87.63
                    }
                },
            ]
        );
        assert_eq!(read_search(b"[]").unwrap(), []);
        assert_eq!(read_search(b"{}"), Err(AnswerError::Shape));
        assert!(matches!(
            read_search(b"<html>"),
            Err(AnswerError::NotJson(_))
        ));
    }

    #[test]
    fn a_reverse_answer_or_nominatims_nothing_here() {
        let body =
            br#"{"lat":"41.8835410","lon":"-87.6318600","display_name":"121 N LaSalle St, Chicago",
            "address":{"road":"N LaSalle St"}}"#;
        assert_eq!(read_reverse(body).unwrap().unwrap().label, "N LaSalle St");
        assert_eq!(
            read_reverse(br#"{"error":"Unable to geocode"}"#).unwrap(),
            None
        );
        assert_eq!(read_reverse(br#"{"lat":"x"}"#), Err(AnswerError::Shape));
        let footway = br#"{"lat":"41.88","lon":"-87.63","display_name":"121, Riverwalk, Chicago",
            "address":{"house_number":"121","footway":"Riverwalk"}}"#;
        assert_eq!(
            read_reverse(footway).unwrap().unwrap().label,
            "121 Riverwalk"
        );
    }

    #[test]
    fn requests_are_nominatims() {
        assert_eq!(
            search_url("/geocoder/", " 121 N La "),
            "/geocoder/search?q=121+N+La&format=jsonv2&addressdetails=1&limit=5"
        );
        let point = Point {
            latitude: 41.883_541,
            longitude: -87.631_86,
        };
        assert_eq!(
            reverse_url("https://nominatim.example", point),
            "https://nominatim.example/reverse?lat=41.883541&lon=-87.631860&format=jsonv2&addressdetails=1&zoom=18"
        );
    }
}
