//! "Where is the problem?": the device's location on request, where a photo was taken, or an
//! address.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::address_help::{AddressMatches, NearestAddress};
use super::location_map::LocationMap;
use super::photos::PhotoTray;
use crate::capture::location::{self, Fix, LocationError};
use crate::capture::photo_place::{self, CalendarDay, CurrentPlace};
use crate::components::form::field::FieldInfo;
use crate::components::form::text_input::TextInput;
use crate::geography::Point;
use crate::report::problems::ADDRESS_ID;
use crate::session::use_session;
use crate::user_message::UserMessage;

/// Where asking the device for its location has got to.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum LocationState {
    /// Nothing asked: the browser asks for permission only once the person taps the button.
    #[default]
    NotAsked,
    Locating,
    Found(Fix),
    Failed(LocationError),
    /// The place a report was saved with, kept until the person asks the device again.
    Saved(Point),
    /// Where one of the report's photos was taken, as the person chose.
    FromPhoto(Point),
    /// Where an address the person chose from the geocoder's matches is.
    AtAddress(Point),
    /// Where the person put the pin on the map.
    Pinned(Point),
}

impl LocationState {
    /// The place the report is for, if it has one yet (the device's, a saved one, a photo's,
    /// an address's).
    pub fn point(self) -> Option<Point> {
        match self {
            LocationState::Found(fix) => Some(fix.into()),
            LocationState::Saved(point)
            | LocationState::FromPhoto(point)
            | LocationState::AtAddress(point)
            | LocationState::Pinned(point) => Some(point),
            _ => None,
        }
    }

    /// The report's place, as the offer of a photo's place speaks of it.
    fn current(self) -> CurrentPlace {
        match self {
            LocationState::Found(fix) => CurrentPlace::Device(fix.into()),
            LocationState::Saved(point)
            | LocationState::FromPhoto(point)
            | LocationState::AtAddress(point)
            | LocationState::Pinned(point) => CurrentPlace::Chosen(point),
            _ => CurrentPlace::None,
        }
    }

    /// What the status line says.
    fn sentence(self) -> Option<String> {
        match self {
            LocationState::NotAsked => None,
            LocationState::Locating => Some("Finding your location…".to_owned()),
            LocationState::Found(fix) => Some(format!(
                "Location found: {} ({}).",
                fix.coordinates_text(),
                fix.accuracy_text()
            )),
            LocationState::Failed(error) => Some(error.user_message()),
            // Five decimals, as a found location is shown.
            LocationState::Saved(point) => Some(format!(
                "Location saved with the report: {:.5}, {:.5}.",
                point.latitude, point.longitude
            )),
            LocationState::FromPhoto(point) => Some(format!(
                "Location where the photo was taken: {:.5}, {:.5}.",
                point.latitude, point.longitude
            )),
            LocationState::AtAddress(point) => Some(format!(
                "Location of the address: {:.5}, {:.5}.",
                point.latitude, point.longitude
            )),
            // Six decimals: a step of the pin is a few metres, and each must read differently.
            LocationState::Pinned(point) => Some(format!(
                "Pin on the map at {:.6}, {:.6}.",
                point.latitude, point.longitude
            )),
        }
    }

    fn button_label(self) -> &'static str {
        match self {
            LocationState::NotAsked | LocationState::Locating => "Use my location",
            LocationState::Found(_)
            | LocationState::Saved(_)
            | LocationState::FromPhoto(_)
            | LocationState::AtAddress(_)
            | LocationState::Pinned(_) => "Find my location again",
            LocationState::Failed(_) => "Try my location again",
        }
    }
}

/// The location part of the form. The address is always there: it is the way in when the
/// device cannot say where it is, and a help to crews when it can.
#[component]
pub fn LocationSection(
    location: RwSignal<LocationState>,
    address: RwSignal<String>,
    /// The address nearest to the report's place, from the city's geocoder.
    nearest: RwSignal<Option<String>>,
    /// The location's problem, shown on the address, the one input that can always fix it.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let config = use_session().config;
    let geocoder = config.geocoder.clone();
    let map = config
        .map_tiles
        .clone()
        .map(|source| view! { <LocationMap source location nearest /> });
    let locate = move |_| {
        let before = location.get_untracked();
        if before == LocationState::Locating {
            return;
        }
        let again = before != LocationState::NotAsked;
        location.set(LocationState::Locating);
        spawn_local(async move {
            let state = match location::locate(again).await {
                Ok(fix) => LocationState::Found(fix),
                Err(error) => LocationState::Failed(error),
            };
            // The person may have left the form while the device was searching.
            location.try_set(state);
        });
    };
    let address_info = FieldInfo {
        id: ADDRESS_ID.to_owned(),
        label: "Street address or nearest intersection".to_owned(),
        hint: Some("For example: 121 N LaSalle St, or Clark St and Jackson Blvd".to_owned()),
        required: false,
        error,
    };
    view! {
        <section class="form-section" aria-labelledby="location-heading">
            <h2 id="location-heading">
                "Where is the problem?"<span class="required-mark">" (required)"</span>
            </h2>
            <p class="field-hint">"Use your location if you are there, or type the address."</p>
            <button
                type="button"
                class="button"
                aria-disabled=move || (location.get() == LocationState::Locating).then_some("true")
                on:click=locate
            >
                {move || location.get().button_label()}
            </button>
            <p
                class="location-status"
                class:location-status-found=move || location.get().point().is_some()
                class:location-status-failed=move || matches!(location.get(), LocationState::Failed(_))
                role="status"
            >
                {move || location.get().sentence()}
            </p>
            {map}

            {geocoder
                .clone()
                .map(|geocoder| view! { <NearestAddress geocoder location nearest /> })}
            // Not "street-address": that would offer the person's home, rarely where the problem is.
            <TextInput info=address_info value=address autocomplete="off" />
            {geocoder.map(|geocoder| view! { <AddressMatches geocoder address location /> })}
        </section>
    }
}

/// The device's date, as the person's calendar shows it.
fn today() -> CalendarDay {
    let now = js_sys::Date::new_0();
    // Calendar fields of a date a person is living in: well within these types.
    #[allow(clippy::cast_possible_truncation)]
    CalendarDay {
        year: now.get_full_year() as u16,
        month: (now.get_month() + 1) as u8,
        day: now.get_date() as u8,
    }
}

/// Under the photos: the offer of where the last photo was taken (of those whose camera said),
/// when the report has no place yet or is far from it.
#[component]
pub fn PhotoPlaceOffer(location: RwSignal<LocationState>) -> impl IntoView {
    let tray = expect_context::<PhotoTray>();
    let offer = Memo::new(move |_| {
        let place = tray.places().pop()?;
        photo_place::offer(place, location.get().current(), today())
    });
    let said = move || {
        if matches!(location.get(), LocationState::FromPhoto(_)) {
            Some("The report is placed where the photo was taken.")
        } else {
            offer
                .with(Option::is_some)
                .then_some("The photo says where it was taken.")
        }
    };
    // Where focus goes once the offer's button, taken, is gone.
    let status = NodeRef::<leptos::html::P>::new();
    view! {
        {move || {
            offer
                .get()
                .map(|offered| {
                    let point = offered.point;
                    view! {
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| {
                                location.set(LocationState::FromPhoto(point));
                                if let Some(status) = status.get() {
                                    let _ = status.focus();
                                }
                            }
                        >
                            {offered.label}
                        </button>
                    }
                })
        }}
        <p class="photo-place" role="status" tabindex="-1" node_ref=status>{said}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_where_the_search_has_got_to() {
        let fix = Fix {
            latitude: 41.8781,
            longitude: -87.6298,
            accuracy_m: 12.0,
        };
        assert_eq!(LocationState::NotAsked.sentence(), None);
        assert_eq!(LocationState::NotAsked.button_label(), "Use my location");
        assert_eq!(
            LocationState::Found(fix).sentence().as_deref(),
            Some("Location found: 41.87810, -87.62980 (within 12 m).")
        );
        assert_eq!(
            LocationState::Found(fix).point(),
            Some(Point {
                latitude: 41.8781,
                longitude: -87.6298
            })
        );
        let refused = LocationState::Failed(LocationError::Denied);
        assert_eq!(refused.point(), None);
        assert_eq!(
            refused.sentence(),
            Some(LocationError::Denied.user_message())
        );
        assert_eq!(refused.button_label(), "Try my location again");
    }

    #[test]
    fn a_saved_report_keeps_its_place_without_an_accuracy() {
        let saved = LocationState::Saved(Point {
            latitude: 41.878_104,
            longitude: -87.629_798,
        });
        assert_eq!(
            saved.sentence().as_deref(),
            Some("Location saved with the report: 41.87810, -87.62980.")
        );
        assert_eq!(saved.point().map(|point| point.latitude), Some(41.878_104));
        assert_eq!(saved.button_label(), "Find my location again");
    }

    #[test]
    fn a_photos_place_is_the_reports_once_chosen() {
        let point = Point {
            latitude: 41.883_54,
            longitude: -87.631_86,
        };
        let chosen = LocationState::FromPhoto(point);
        assert_eq!(chosen.point(), Some(point));
        assert_eq!(chosen.current(), CurrentPlace::Chosen(point));
        assert_eq!(
            chosen.sentence().as_deref(),
            Some("Location where the photo was taken: 41.88354, -87.63186.")
        );
        assert_eq!(LocationState::Locating.current(), CurrentPlace::None);
    }
}
