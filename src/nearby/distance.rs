//! How far apart two places are, on the Earth's surface.

use geo::{Distance, Haversine};

use crate::geography::{Point, length_text};

/// Moves shorter than this are a phone's position wandering, not the person going elsewhere.
pub const MEANINGFUL_MOVE_M: f64 = 25.0;

/// Closer than this, a phone cannot tell two places apart.
const INDISTINCT_M: f64 = 10.0;

/// The great-circle distance between `a` and `b` in metres (Haversine, on the mean Earth
/// radius: off by at most about 0.5%, far less than a phone's position is).
pub fn distance_m(a: Point, b: Point) -> f64 {
    Haversine.distance(geo_point(a), geo_point(b))
}

/// Whether going from `from` to `to` is a move worth checking again for.
pub fn moved(from: Point, to: Point) -> bool {
    distance_m(from, to) >= MEANINGFUL_MOVE_M
}

/// "40 m away", "1.2 km away", or "less than 10 m away" where a phone cannot tell.
pub fn away_text(metres: f64) -> String {
    if metres < INDISTINCT_M {
        format!("less than {} away", length_text(INDISTINCT_M))
    } else {
        format!("{} away", length_text(metres))
    }
}

/// `geo` counts x as the longitude.
fn geo_point(point: Point) -> geo::Point {
    geo::Point::new(point.longitude, point.latitude)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nearby::fixtures::{STATE_AND_JACKSON, north_of};

    #[test]
    fn measures_short_distances_to_the_metre() {
        assert_eq!(distance_m(STATE_AND_JACKSON, STATE_AND_JACKSON), 0.0);
        let north = distance_m(STATE_AND_JACKSON, north_of(STATE_AND_JACKSON, 40.0));
        assert!((north - 40.0).abs() < 0.1, "{north}");
        // The seeded closed pothole by the bus stop, west-north-west.
        let bus_stop = Point {
            latitude: 41.8783,
            longitude: -87.6303,
        };
        let measured = distance_m(STATE_AND_JACKSON, bus_stop);
        assert!((measured - 47.0).abs() < 0.5, "{measured}");
        assert_eq!(measured, distance_m(bus_stop, STATE_AND_JACKSON));
    }

    #[test]
    fn a_degree_of_longitude_shrinks_away_from_the_equator() {
        let at = |latitude| Point {
            latitude,
            longitude: 0.0,
        };
        let east = |p: Point| Point {
            longitude: p.longitude + 0.001,
            ..p
        };
        let equator = distance_m(at(0.0), east(at(0.0)));
        let chicago = distance_m(at(41.88), east(at(41.88)));
        assert!((equator - 111.2).abs() < 0.1, "{equator}");
        assert!((chicago / equator - 41.88_f64.to_radians().cos()).abs() < 1e-6);
    }

    #[test]
    fn only_a_real_move_counts() {
        assert!(!moved(STATE_AND_JACKSON, north_of(STATE_AND_JACKSON, 8.0)));
        assert!(!moved(STATE_AND_JACKSON, north_of(STATE_AND_JACKSON, 24.0)));
        assert!(moved(STATE_AND_JACKSON, north_of(STATE_AND_JACKSON, 26.0)));
    }

    #[test]
    fn says_how_far_away_in_words() {
        assert_eq!(away_text(0.0), "less than 10 m away");
        assert_eq!(away_text(9.9), "less than 10 m away");
        assert_eq!(away_text(40.4), "40 m away");
        assert_eq!(away_text(1_240.0), "1.2 km away");
    }
}
