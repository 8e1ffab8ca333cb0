//! Addresses from the city's geocoder, when it configures one: the address nearest to the
//! report's place ("Near 121 N LaSalle St"), and matches as the person types an address, one
//! of which moves the report there.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

use wasm_bindgen::JsCast;

use super::location_section::LocationState;
use crate::address::{Address, MIN_TYPED, TYPING_PAUSE_MS, lookup};
use crate::report::problems::ADDRESS_ID;
use crate::user_message::UserMessage;

/// How long the report's place must stay put before its nearest address is asked for.
const PLACE_PAUSE_MS: u32 = 600;

/// "Near 121 N LaSalle St", under the location's status, once the report has a place.
#[component]
pub fn NearestAddress(
    geocoder: String,
    location: RwSignal<LocationState>,
    /// Where the nearest address is kept for the report.
    nearest: RwSignal<Option<String>>,
) -> impl IntoView {
    let asked = StoredValue::new(None::<(f64, f64)>);
    Effect::new(move |_| {
        let Some(point) = location.get().point() else {
            // Asked afresh when a place comes back, even the same one.
            asked.set_value(None);
            nearest.set(None);
            return;
        };
        let key = (point.latitude, point.longitude);
        if asked.get_value() == Some(key) {
            return;
        }
        asked.set_value(Some(key));
        nearest.set(None);
        let geocoder = geocoder.clone();
        spawn_local(async move {
            TimeoutFuture::new(PLACE_PAUSE_MS).await;
            if asked.try_get_value() != Some(Some(key)) {
                return;
            }
            // Without a connection or a geocoder's answer, the coordinates are enough.
            if let Ok(Some(found)) = lookup::nearest(&geocoder, point).await
                && asked.try_get_value() == Some(Some(key))
            {
                nearest.try_set(Some(found.label));
            }
        });
    });
    view! {
        <p class="nearest-address" role="status">
            {move || nearest.get().map(|label| format!("Near {label}"))}
        </p>
    }
}

/// What the address matches have got to.
#[derive(Clone, Debug, PartialEq)]
enum Matches {
    None,
    Found(Vec<Address>),
    Nothing(String),
    Failed(String),
}

/// Addresses matching what is typed in `address`, as buttons; choosing one puts the report
/// there and writes the address out in full.
#[component]
pub fn AddressMatches(
    geocoder: String,
    address: RwSignal<String>,
    location: RwSignal<LocationState>,
) -> impl IntoView {
    let matches = RwSignal::new(Matches::None);
    // The text typed last, so that a late answer to older text is dropped; and the address
    // last chosen, which needs no matches.
    // Seeded with the address the form opened with (a draft's, a refused report's), which
    // the person has not just typed.
    let typed = StoredValue::new(address.get_untracked().trim().to_owned());
    let chosen = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let text = address.get().trim().to_owned();
        if typed.get_value() == text {
            return;
        }
        typed.set_value(text.clone());
        if text.chars().count() < MIN_TYPED || chosen.get_value().as_deref() == Some(text.as_str())
        {
            matches.set(Matches::None);
            return;
        }
        let geocoder = geocoder.clone();
        spawn_local(async move {
            TimeoutFuture::new(TYPING_PAUSE_MS).await;
            if typed.try_get_value().as_deref() != Some(text.as_str()) {
                return;
            }
            let found = match lookup::search(&geocoder, &text).await {
                Ok(found) if found.is_empty() => {
                    Matches::Nothing(format!("No address matches \u{201c}{text}\u{201d}."))
                }
                Ok(found) => Matches::Found(found),
                Err(error) => Matches::Failed(error.user_message()),
            };
            if typed.try_get_value().as_deref() == Some(text.as_str()) {
                matches.try_set(found);
            }
        });
    });
    let choose = move |found: Address| {
        chosen.set_value(Some(found.label.clone()));
        address.set(found.label);
        location.set(LocationState::AtAddress(found.point));
        matches.set(Matches::None);
        // The chosen button goes: the person goes on from the address they chose.
        if let Some(input) = document()
            .get_element_by_id(ADDRESS_ID)
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = input.focus();
        }
    };
    let sentence = move || match matches.get() {
        Matches::None => None,
        Matches::Found(found) => Some(match found.len() {
            1 => "1 address matches.".to_owned(),
            n => format!("{n} addresses match."),
        }),
        Matches::Nothing(sentence) | Matches::Failed(sentence) => Some(sentence),
    };
    view! {
        <p class="field-hint" role="status">{sentence}</p>
        {move || match matches.get() {
            Matches::Found(found) => Some(view! {
                <ul class="address-matches" aria-label="Matching addresses">
                    {found
                        .into_iter()
                        .map(|found| {
                            let label = found.label.clone();
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="button address-match"
                                        on:click=move |_| choose(found.clone())
                                    >
                                        {label}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }),
            _ => None,
        }}
    }
}
