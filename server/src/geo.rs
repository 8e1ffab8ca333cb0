//! Distances on the Earth for the `lat`/`long`/`radius` filter.

/// Mean Earth radius (IUGG), good to about 0.5% anywhere, far better than a phone's GPS.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres between two WGS84 points (haversine).
pub fn distance_m(lat1: f64, long1: f64, lat2: f64, long2: f64) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let d_phi = (lat2 - lat1).to_radians();
    let d_lambda = (long2 - long1).to_radians();
    let a = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
}

/// A circle to search within.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Circle {
    pub lat: f64,
    pub long: f64,
    pub radius_m: f64,
}

/// Latitude and longitude bounds that contain a circle; cheap to test with an index.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoundingBox {
    pub min_lat: f64,
    pub max_lat: f64,
    pub min_long: f64,
    pub max_long: f64,
}

impl Circle {
    /// A box that surely contains the circle. Near the poles or across the antimeridian it
    /// widens to every longitude rather than wrapping: a correct superset is all it must be.
    pub fn bounding_box(&self) -> BoundingBox {
        let d_lat = (self.radius_m / EARTH_RADIUS_M).to_degrees();
        let min_lat = (self.lat - d_lat).max(-90.0);
        let max_lat = (self.lat + d_lat).min(90.0);
        let widest = self.lat.abs() + d_lat;
        let d_long = if widest >= 89.0 {
            180.0
        } else {
            d_lat / widest.to_radians().cos()
        };
        let (min_long, max_long) = if self.long - d_long < -180.0 || self.long + d_long > 180.0 {
            (-180.0, 180.0)
        } else {
            (self.long - d_long, self.long + d_long)
        };
        BoundingBox {
            min_lat,
            max_lat,
            min_long,
            max_long,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_distances() {
        // Chicago City Hall to the Willis Tower: about 720 m.
        let d = distance_m(41.8837, -87.6319, 41.8789, -87.6359);
        assert!((600.0..700.0).contains(&d), "{d}");
        // One degree of latitude is about 111.2 km.
        let d = distance_m(41.0, -87.0, 42.0, -87.0);
        assert!((d - 111_195.0).abs() < 50.0, "{d}");
        assert_eq!(distance_m(41.8781, -87.6298, 41.8781, -87.6298), 0.0);
        // Antipodes: half the circumference.
        let d = distance_m(0.0, 0.0, 0.0, 180.0);
        assert!(
            (d - std::f64::consts::PI * EARTH_RADIUS_M).abs() < 1.0,
            "{d}"
        );
    }

    #[test]
    fn bounding_box_contains_the_circle() {
        let circle = Circle {
            lat: 41.8781,
            long: -87.6298,
            radius_m: 500.0,
        };
        let bbox = circle.bounding_box();
        for bearing in 0..360 {
            let b = f64::from(bearing).to_radians();
            // A point just inside the circle on this bearing.
            let d = 499.0 / EARTH_RADIUS_M;
            let lat = circle.lat + (d * b.cos()).to_degrees();
            let long = circle.long + (d * b.sin() / circle.lat.to_radians().cos()).to_degrees();
            assert!(distance_m(circle.lat, circle.long, lat, long) <= circle.radius_m);
            assert!((bbox.min_lat..=bbox.max_lat).contains(&lat), "{bearing}");
            assert!((bbox.min_long..=bbox.max_long).contains(&long), "{bearing}");
        }
        assert!(bbox.max_lat - bbox.min_lat < 0.01);
    }

    #[test]
    fn bounding_box_widens_near_the_antimeridian_and_poles() {
        let near_dateline = Circle {
            lat: 0.0,
            long: 179.999,
            radius_m: 1000.0,
        };
        assert_eq!(near_dateline.bounding_box().min_long, -180.0);
        let near_pole = Circle {
            lat: 89.9,
            long: 10.0,
            radius_m: 50_000.0,
        };
        let bbox = near_pole.bounding_box();
        assert_eq!(
            (bbox.min_long, bbox.max_long, bbox.max_lat),
            (-180.0, 180.0, 90.0)
        );
    }
}
