//! Where and when a photo was taken, read from it before its metadata goes, offered as the
//! report's place: someone who photographs a pothole on the way and reports it from home
//! gets the pothole's place, not their sofa's.

use serde::{Deserialize, Serialize};

use crate::capture::photo::header::TakenAt;
use crate::geography::{Point, length_text};
use crate::nearby::distance::distance_m;

/// Farther than this from the report's place, the photo's own place is offered instead.
pub const OFFER_BEYOND_M: f64 = 50.0;

/// Where (and, if the camera said, when) a photo was taken.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhotoPlace {
    pub point: Point,
    /// "12:41", the camera's clock (hours and minutes).
    pub taken_at: Option<ClockTime>,
}

/// A time of day as a camera's clock showed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
}

impl From<TakenAt> for ClockTime {
    fn from(taken: TakenAt) -> Self {
        Self {
            hour: taken.hour,
            minute: taken.minute,
        }
    }
}

impl ClockTime {
    /// "12:41".
    pub fn text(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// What the report's place is now, as the offer speaks of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CurrentPlace {
    /// No place yet.
    None,
    /// The device's position: "80 m from here".
    Device(Point),
    /// A place the person chose (an address, the pin): "80 m from the pin".
    Chosen(Point),
}

/// The offer of a photo's place, with the sentence on its button.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    pub point: Point,
    pub label: String,
}

/// The offer to make, if any: when the report has no place yet, or the photo was taken more
/// than [`OFFER_BEYOND_M`] from it.
pub fn offer(photo: PhotoPlace, current: CurrentPlace) -> Option<Offer> {
    let away = match current {
        CurrentPlace::None => None,
        CurrentPlace::Device(point) | CurrentPlace::Chosen(point) => {
            let metres = distance_m(photo.point, point);
            if metres <= OFFER_BEYOND_M {
                return None;
            }
            let from = if matches!(current, CurrentPlace::Device(_)) {
                "here"
            } else {
                "the pin"
            };
            Some(format!("{} from {from}", length_text(metres)))
        }
    };
    let details: Vec<String> = photo
        .taken_at
        .map(ClockTime::text)
        .into_iter()
        .chain(away)
        .collect();
    let label = if details.is_empty() {
        "Use where the photo was taken".to_owned()
    } else {
        format!("Use where the photo was taken ({})", details.join(", "))
    };
    Some(Offer {
        point: photo.point,
        label,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PHOTO: Point = Point {
        latitude: 41.883_54,
        longitude: -87.631_86,
    };

    fn photo(taken_at: Option<ClockTime>) -> PhotoPlace {
        PhotoPlace {
            point: PHOTO,
            taken_at,
        }
    }

    /// A point `metres` north of the photo's.
    fn north_of_photo(metres: f64) -> Point {
        Point {
            latitude: PHOTO.latitude + metres / 111_195.0,
            longitude: PHOTO.longitude,
        }
    }

    #[test]
    fn a_photo_taken_away_from_the_device_is_offered_with_its_time_and_distance() {
        let at = Some(ClockTime {
            hour: 12,
            minute: 41,
        });
        let offered = offer(photo(at), CurrentPlace::Device(north_of_photo(80.0))).unwrap();
        assert_eq!(
            offered.label,
            "Use where the photo was taken (12:41, 80 m from here)"
        );
        assert_eq!(offered.point, PHOTO);
        let offered = offer(photo(at), CurrentPlace::Chosen(north_of_photo(300.0))).unwrap();
        assert_eq!(
            offered.label,
            "Use where the photo was taken (12:41, 300 m from the pin)"
        );
    }

    #[test]
    fn with_no_place_yet_it_is_offered_and_close_by_it_is_not() {
        let at = Some(ClockTime { hour: 9, minute: 5 });
        assert_eq!(
            offer(photo(at), CurrentPlace::None).unwrap().label,
            "Use where the photo was taken (09:05)"
        );
        assert_eq!(
            offer(photo(None), CurrentPlace::None).unwrap().label,
            "Use where the photo was taken"
        );
        assert_eq!(
            offer(photo(at), CurrentPlace::Device(north_of_photo(49.0))),
            None
        );
        assert_eq!(
            offer(photo(None), CurrentPlace::Device(north_of_photo(60.0)))
                .unwrap()
                .label,
            "Use where the photo was taken (60 m from here)"
        );
    }
}
