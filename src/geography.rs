//! Places on the Earth, as the whole app speaks of them: a point in WGS84, and lengths as a
//! person reads them.

use serde::{Deserialize, Serialize};

/// A place in WGS84, as a report keeps it: the device's accuracy is not sent to the city, so
/// a saved report has the coordinates only.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub latitude: f64,
    pub longitude: f64,
}

/// "12 m" in whole metres, or "1.5 km" from a kilometre on.
pub fn length_text(metres: f64) -> String {
    let metres = metres.round();
    if metres < 1_000.0 {
        format!("{metres} m")
    } else {
        format!("{:.1} km", metres / 1_000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_read_in_metres_then_kilometres() {
        assert_eq!(length_text(12.4), "12 m");
        assert_eq!(length_text(999.4), "999 m");
        assert_eq!(length_text(1_500.0), "1.5 km");
    }
}
