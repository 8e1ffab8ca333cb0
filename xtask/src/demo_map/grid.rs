//! Downtown Chicago's address grid, which is regular enough to draw and to geocode from
//! arithmetic alone: State Street and Madison Street are the zero lines, and 800 address
//! numbers make a mile. The streets below are real names at their real grid numbers; the
//! coordinates come from the grid, so they are close to, not exactly, the real ones.

/// State and Madison, where the grid's numbers start.
pub const ORIGIN: (f64, f64) = (41.881_95, -87.627_83);
/// One address number, in metres: a mile is 800 of them.
pub const METRES_PER_NUMBER: f64 = 1_609.344 / 800.0;
/// The Earth's mean radius, as the reference server measures distances.
const EARTH_RADIUS_M: f64 = 6_371_008.8;
/// How far the demo city reaches from the origin, in address numbers, each way.
pub const REACH: i32 = 1_200;

/// A street of the grid: its name, which way it runs, and the grid number of its line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Street {
    pub name: &'static str,
    pub runs: Runs,
    /// East (positive) or west for a north-south street; north (positive) or south for an
    /// east-west one.
    pub at: i32,
    /// A main street, drawn wider.
    pub major: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runs {
    NorthSouth,
    EastWest,
}

const fn street(name: &'static str, runs: Runs, at: i32, major: bool) -> Street {
    Street {
        name,
        runs,
        at,
        major,
    }
}

use Runs::{EastWest, NorthSouth};

pub const STREETS: [Street; 37] = [
    street("Columbus Dr", NorthSouth, 300, false),
    street("Michigan Ave", NorthSouth, 100, true),
    street("Wabash Ave", NorthSouth, 45, false),
    street("State St", NorthSouth, 0, true),
    street("Dearborn St", NorthSouth, -36, false),
    street("Clark St", NorthSouth, -100, false),
    street("LaSalle St", NorthSouth, -140, false),
    street("Wells St", NorthSouth, -200, false),
    street("Franklin St", NorthSouth, -300, false),
    street("Canal St", NorthSouth, -500, false),
    street("Clinton St", NorthSouth, -540, false),
    street("Jefferson St", NorthSouth, -600, false),
    street("Desplaines St", NorthSouth, -650, false),
    street("Halsted St", NorthSouth, -800, true),
    street("Morgan St", NorthSouth, -1_000, false),
    street("Racine Ave", NorthSouth, -1_200, true),
    street("Chicago Ave", EastWest, 800, true),
    street("Superior St", EastWest, 730, false),
    street("Huron St", EastWest, 700, false),
    street("Erie St", EastWest, 660, false),
    street("Ontario St", EastWest, 630, false),
    street("Ohio St", EastWest, 600, false),
    street("Grand Ave", EastWest, 530, false),
    street("Illinois St", EastWest, 500, false),
    street("Hubbard St", EastWest, 430, false),
    street("Kinzie St", EastWest, 400, false),
    street("Lake St", EastWest, 200, false),
    street("Randolph St", EastWest, 150, false),
    street("Washington St", EastWest, 100, false),
    street("Madison St", EastWest, 0, true),
    street("Monroe St", EastWest, -100, false),
    street("Adams St", EastWest, -200, false),
    street("Jackson Blvd", EastWest, -300, false),
    street("Van Buren St", EastWest, -400, false),
    street("Harrison St", EastWest, -600, false),
    street("Polk St", EastWest, -800, false),
    street("Roosevelt Rd", EastWest, -1_200, true),
];

/// The lake's shore, as a grid number east: everything east of it is water.
pub const SHORE: i32 = 500;

/// A point of the grid (east, north, in address numbers) as latitude and longitude.
pub fn to_degrees(east: f64, north: f64) -> (f64, f64) {
    let metres_per_degree = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
    let lat = ORIGIN.0 + north * METRES_PER_NUMBER / metres_per_degree;
    let long =
        ORIGIN.1 + east * METRES_PER_NUMBER / (metres_per_degree * ORIGIN.0.to_radians().cos());
    (lat, long)
}

/// A latitude and longitude as a point of the grid (east, north).
pub fn to_grid(lat: f64, long: f64) -> (f64, f64) {
    let metres_per_degree = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
    let north = (lat - ORIGIN.0) * metres_per_degree / METRES_PER_NUMBER;
    let east =
        (long - ORIGIN.1) * metres_per_degree * ORIGIN.0.to_radians().cos() / METRES_PER_NUMBER;
    (east, north)
}

/// "121 N LaSalle St": the house number, its direction from the zero line, the street.
pub fn address(street: &Street, number: i32) -> String {
    let direction = match (street.runs, number >= 0) {
        (NorthSouth, true) => 'N',
        (NorthSouth, false) => 'S',
        (EastWest, true) => 'E',
        (EastWest, false) => 'W',
    };
    format!("{} {direction} {}", number.abs(), street.name)
}

/// Where a house number on a street is.
pub fn place(street: &Street, number: i32) -> (f64, f64) {
    let (east, north) = match street.runs {
        NorthSouth => (street.at, number),
        EastWest => (number, street.at),
    };
    to_degrees(f64::from(east), f64::from(north))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_puts_121_n_lasalle_by_city_hall() {
        let lasalle = STREETS.iter().find(|s| s.name == "LaSalle St").unwrap();
        assert_eq!(address(lasalle, 121), "121 N LaSalle St");
        assert_eq!(address(lasalle, -121), "121 S LaSalle St");
        let (lat, long) = place(lasalle, 121);
        // City Hall, 121 N LaSalle St, is at about 41.8837, -87.6321: within 100 m.
        assert!((lat - 41.8837).abs() < 0.0009, "{lat}");
        assert!((long - -87.6321).abs() < 0.0012, "{long}");
    }

    #[test]
    fn a_mile_is_800_numbers_and_the_conversion_goes_both_ways() {
        let (lat, _) = to_degrees(0.0, 800.0);
        let metres = (lat - ORIGIN.0) * EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
        assert!((metres - 1_609.344).abs() < 0.01, "{metres}");
        let (east, north) = to_grid(41.8841, -87.6312);
        let (lat, long) = to_degrees(east, north);
        assert!((lat - 41.8841).abs() < 1e-9 && (long - -87.6312).abs() < 1e-9);
    }
}
