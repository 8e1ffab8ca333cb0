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
    /// When, by the camera's clock.
    pub taken_at: Option<ClockTime>,
}

/// A day and a time as a camera's clock showed them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockTime {
    pub day: CalendarDay,
    pub hour: u8,
    pub minute: u8,
}

/// A day of the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl From<TakenAt> for ClockTime {
    fn from(taken: TakenAt) -> Self {
        Self {
            day: CalendarDay {
                year: taken.year,
                month: taken.month,
                day: taken.day,
            },
            hour: taken.hour,
            minute: taken.minute,
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl ClockTime {
    /// "12:41" on `today`, "14 May, 12:41" another day, "14 May 2025, 12:41" another year.
    pub fn text(self, today: CalendarDay) -> String {
        let time = format!("{:02}:{:02}", self.hour, self.minute);
        let month = MONTHS[usize::from(self.day.month.clamp(1, 12)) - 1];
        if self.day == today {
            time
        } else if self.day.year == today.year {
            format!("{} {month}, {time}", self.day.day)
        } else {
            format!("{} {month} {}, {time}", self.day.day, self.day.year)
        }
    }
}

/// What the report's place is now, as the offer speaks of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CurrentPlace {
    /// No place yet.
    None,
    /// The device's position: "80 m from here".
    Device(Point),
    /// A place the person chose (an address, a saved place, a photo's): "80 m from the chosen
    /// place".
    Chosen(Point),
}

/// The offer of a photo's place, with the sentence on its button.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    pub point: Point,
    pub label: String,
}

/// The offer to make, if any: when the report has no place yet, or the photo was taken more
/// than [`OFFER_BEYOND_M`] from it. `today` is the device's date.
pub fn offer(photo: PhotoPlace, current: CurrentPlace, today: CalendarDay) -> Option<Offer> {
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
                "the chosen place"
            };
            Some(format!("{} from {from}", length_text(metres)))
        }
    };
    let details: Vec<String> = photo
        .taken_at
        .map(|taken| taken.text(today))
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
    const TODAY: CalendarDay = CalendarDay {
        year: 2026,
        month: 12,
        day: 7,
    };

    fn at(day: CalendarDay, hour: u8, minute: u8) -> Option<ClockTime> {
        Some(ClockTime { day, hour, minute })
    }

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
        let today = at(TODAY, 12, 41);
        let offered = offer(
            photo(today),
            CurrentPlace::Device(north_of_photo(80.0)),
            TODAY,
        )
        .unwrap();
        assert_eq!(
            offered.label,
            "Use where the photo was taken (12:41, 80 m from here)"
        );
        assert_eq!(offered.point, PHOTO);
        let offered = offer(
            photo(today),
            CurrentPlace::Chosen(north_of_photo(300.0)),
            TODAY,
        )
        .unwrap();
        assert_eq!(
            offered.label,
            "Use where the photo was taken (12:41, 300 m from the chosen place)"
        );
    }

    #[test]
    fn a_photo_of_another_day_says_which() {
        let may = CalendarDay {
            month: 5,
            day: 14,
            ..TODAY
        };
        assert_eq!(
            offer(photo(at(may, 12, 41)), CurrentPlace::None, TODAY)
                .unwrap()
                .label,
            "Use where the photo was taken (14 May, 12:41)"
        );
        let last_year = CalendarDay { year: 2025, ..may };
        assert_eq!(
            offer(photo(at(last_year, 8, 5)), CurrentPlace::None, TODAY)
                .unwrap()
                .label,
            "Use where the photo was taken (14 May 2025, 08:05)"
        );
    }

    #[test]
    fn with_no_place_yet_it_is_offered_and_close_by_it_is_not() {
        assert_eq!(
            offer(photo(at(TODAY, 9, 5)), CurrentPlace::None, TODAY)
                .unwrap()
                .label,
            "Use where the photo was taken (09:05)"
        );
        assert_eq!(
            offer(photo(None), CurrentPlace::None, TODAY).unwrap().label,
            "Use where the photo was taken"
        );
        assert_eq!(
            offer(
                photo(at(TODAY, 9, 5)),
                CurrentPlace::Device(north_of_photo(49.0)),
                TODAY
            ),
            None
        );
        assert_eq!(
            offer(
                photo(None),
                CurrentPlace::Device(north_of_photo(60.0)),
                TODAY
            )
            .unwrap()
            .label,
            "Use where the photo was taken (60 m from here)"
        );
    }
}
