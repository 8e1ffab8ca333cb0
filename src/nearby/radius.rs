//! How far around the chosen place open requests are offered.

use serde::Deserialize;

/// A search radius in whole metres, from [`Radius::MIN_M`] to [`Radius::MAX_M`]: closer than
/// a phone's position can tell is no search, and much farther is another street's problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "u32")]
pub struct Radius(u32);

/// A radius outside the range the app accepts.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("a nearby radius must be from {min} to {max} metres, not {0}", min = Radius::MIN_M, max = Radius::MAX_M)]
pub struct InvalidRadius(pub u32);

impl Radius {
    pub const MIN_M: u32 = 10;
    pub const MAX_M: u32 = 1_000;

    /// The radius in metres.
    pub fn metres(self) -> f64 {
        f64::from(self.0)
    }
}

impl Default for Radius {
    /// 100 m: across a street and a few doors either way.
    fn default() -> Self {
        Radius(100)
    }
}

impl TryFrom<u32> for Radius {
    type Error = InvalidRadius;

    fn try_from(metres: u32) -> Result<Self, Self::Error> {
        if (Self::MIN_M..=Self::MAX_M).contains(&metres) {
            Ok(Radius(metres))
        } else {
            Err(InvalidRadius(metres))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_street_sized_radii_only() {
        assert_eq!(Radius::default().metres(), 100.0);
        assert_eq!(Radius::try_from(10).map(Radius::metres), Ok(10.0));
        assert_eq!(Radius::try_from(1_000).map(Radius::metres), Ok(1_000.0));
        assert_eq!(Radius::try_from(9), Err(InvalidRadius(9)));
        assert_eq!(Radius::try_from(1_001), Err(InvalidRadius(1_001)));
        assert_eq!(
            InvalidRadius(0).to_string(),
            "a nearby radius must be from 10 to 1000 metres, not 0"
        );
    }

    #[test]
    fn reads_from_a_number_of_metres() {
        assert_eq!(
            serde_json::from_str::<Radius>("250").unwrap(),
            Radius::try_from(250).unwrap()
        );
        assert!(serde_json::from_str::<Radius>("5").is_err());
        assert!(serde_json::from_str::<Radius>("-100").is_err());
    }
}
