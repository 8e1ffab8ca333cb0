//! The device's position, asked for once when the person taps "Use my location".

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Position, PositionOptions};

use crate::geography::{Point, length_text};
use crate::user_message::UserMessage;

/// How long the device may search: long enough for a cold GPS start outdoors, short enough
/// that someone standing by a pothole is not left waiting.
const TIMEOUT_MS: u32 = 15_000;
/// A position from the last minute is still where the person is standing.
const MAXIMUM_AGE_MS: u32 = 60_000;

impl From<Fix> for Point {
    fn from(fix: Fix) -> Self {
        Point {
            latitude: fix.latitude,
            longitude: fix.longitude,
        }
    }
}

/// Where the device is, in WGS84.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fix {
    pub latitude: f64,
    pub longitude: f64,
    /// The radius, in metres, within which the device is 95% sure to be.
    pub accuracy_m: f64,
}

impl Fix {
    /// "41.87810, -87.62980": five decimals is about a metre, as precise as a phone gets.
    pub fn coordinates_text(&self) -> String {
        format!("{:.5}, {:.5}", self.latitude, self.longitude)
    }

    /// "within 12 m", or "within 1.5 km" when the device only knows the neighbourhood.
    pub fn accuracy_text(&self) -> String {
        format!("within {}", length_text(self.accuracy_m.max(1.0)))
    }
}

/// Why there is no position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocationError {
    /// The person, or their browser settings, refused.
    Denied,
    /// The device could not work out a position (no signal, location services off).
    Unavailable,
    /// No position came within the time limit.
    Timeout,
    /// This browser has no geolocation (insecure page, some private modes).
    Unsupported,
}

impl LocationError {
    /// Reads a `GeolocationPositionError` code (1, 2 or 3).
    pub fn from_code(code: u16) -> Self {
        match code {
            1 => LocationError::Denied,
            3 => LocationError::Timeout,
            _ => LocationError::Unavailable,
        }
    }
}

impl UserMessage for LocationError {
    /// A sentence for the person, ending with what to do instead.
    fn user_message(&self) -> String {
        match self {
            LocationError::Denied => {
                "Location is turned off for this site, so Report311 cannot see where you are. \
                 Type the street address or nearest intersection instead, or allow location \
                 for this site in your browser's settings and try again."
            }
            LocationError::Unavailable => {
                "Your device could not work out where you are right now. Type the street \
                 address or nearest intersection instead, or try again in the open."
            }
            LocationError::Timeout => {
                "Finding your location took too long. Type the street address or nearest \
                 intersection instead, or try again."
            }
            LocationError::Unsupported => {
                "This browser cannot share your location. Type the street address or nearest \
                 intersection instead."
            }
        }
        .to_owned()
    }
}

/// Asks the browser for one position, prompting for permission if it has not been given.
/// `fresh` refuses a position the browser kept from the last minute: the person asked again,
/// perhaps having moved.
pub async fn locate(fresh: bool) -> Result<Fix, LocationError> {
    let geolocation = web_sys::window()
        .and_then(|window| window.navigator().geolocation().ok())
        .ok_or(LocationError::Unsupported)?;
    let options = PositionOptions::new();
    options.set_enable_high_accuracy(true);
    options.set_timeout(TIMEOUT_MS);
    options.set_maximum_age(if fresh { 0 } else { MAXIMUM_AGE_MS });
    let mut asked = Ok(());
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        asked = geolocation.get_current_position_with_error_callback_and_options(
            &resolve,
            Some(&reject),
            &options,
        );
    });
    asked.map_err(|_| LocationError::Unsupported)?;
    match JsFuture::from(answer).await {
        Ok(position) => {
            // Browsers now call the class GeolocationPosition; web-sys's stable binding has
            // the old name, so the value is cast rather than checked.
            let coords = position.unchecked_into::<Position>().coords();
            Ok(Fix {
                latitude: coords.latitude(),
                longitude: coords.longitude(),
                accuracy_m: coords.accuracy(),
            })
        }
        Err(error) => {
            Err(error_code(&error).map_or(LocationError::Unavailable, LocationError::from_code))
        }
    }
}

/// The `code` of a `GeolocationPositionError`; anything else rejected has none.
fn error_code(error: &JsValue) -> Option<u16> {
    js_sys::Reflect::get(error, &"code".into())
        .ok()
        .and_then(|code| code.as_f64())
        .map(|code| code as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(accuracy_m: f64) -> Fix {
        Fix {
            latitude: 41.878_104,
            longitude: -87.629_798,
            accuracy_m,
        }
    }

    #[test]
    fn shows_coordinates_to_five_decimals() {
        assert_eq!(fix(12.0).coordinates_text(), "41.87810, -87.62980");
    }

    #[test]
    fn shows_accuracy_in_metres_or_kilometres() {
        assert_eq!(fix(12.0).accuracy_text(), "within 12 m");
        assert_eq!(fix(11.6).accuracy_text(), "within 12 m");
        assert_eq!(fix(0.2).accuracy_text(), "within 1 m");
        assert_eq!(fix(999.4).accuracy_text(), "within 999 m");
        assert_eq!(fix(1_520.0).accuracy_text(), "within 1.5 km");
    }

    #[test]
    fn each_failure_has_its_own_sentence() {
        assert_eq!(LocationError::from_code(1), LocationError::Denied);
        assert_eq!(LocationError::from_code(2), LocationError::Unavailable);
        assert_eq!(LocationError::from_code(3), LocationError::Timeout);
        assert_eq!(LocationError::from_code(0), LocationError::Unavailable);
        assert!(
            LocationError::Denied
                .user_message()
                .starts_with("Location is turned off for this site")
        );
        assert!(
            LocationError::Timeout
                .user_message()
                .contains("took too long")
        );
        assert!(
            LocationError::Unavailable
                .user_message()
                .contains("could not work out where you are")
        );
        for error in [
            LocationError::Denied,
            LocationError::Unavailable,
            LocationError::Timeout,
            LocationError::Unsupported,
        ] {
            assert!(
                error
                    .user_message()
                    .contains("street address or nearest intersection"),
                "{error:?} points to the address field"
            );
        }
    }
}
