//! Settings: the map areas kept for use with no signal (choose a place, save the area around
//! it, see each area's progress, remove it), and the device's storage.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::address::{Address, lookup};
use crate::capture::location;
use crate::components::storage_usage::StorageUsage;
use crate::geography::Point;
use crate::map::offline::{SaveAreaOffer, SavedAreasList};
use crate::session::use_session;
use crate::user_message::UserMessage;

#[component]
pub fn Settings() -> impl IntoView {
    let config = use_session().config;
    let areas = config.map_tiles.as_ref().map(|_| {
        view! {
            <p>
                "Keep the map of an area on this device, to place reports there with no signal: \
                 save it at home, then work in the street."
            </p>
            <AreaPlace geocoder=config.geocoder.clone() />
            <h3>"Saved areas"</h3>
            <SavedAreasList />
        }
    });
    view! {
        <section class="page settings">
            <h1>"Settings"</h1>
            <section aria-labelledby="areas-heading">
                <h2 id="areas-heading">"Offline map areas"</h2>
                {match areas {
                    Some(areas) => areas.into_any(),
                    None => view! { <p>"This city's app has no map."</p> }.into_any(),
                }}
            </section>
            <StorageUsage />
        </section>
    }
}

/// The place an area is saved around: the device's location, or an address found by the
/// city's geocoder. Then the offer to save it.
#[component]
fn AreaPlace(geocoder: Option<String>) -> impl IntoView {
    let centre = RwSignal::new(None::<Point>);
    let label = RwSignal::new(None::<String>);
    let said = RwSignal::new(None::<String>);
    let here = move |_| {
        said.set(Some("Finding your location…".to_owned()));
        spawn_local(async move {
            match location::locate(true).await {
                Ok(fix) => {
                    centre.set(Some(fix.into()));
                    label.set(None);
                    said.set(Some(format!(
                        "Around your location: {}.",
                        fix.coordinates_text()
                    )));
                }
                Err(error) => said.set(Some(error.user_message())),
            }
        });
    };
    let finder = geocoder.map(|geocoder| {
        view! { <AddressFinder geocoder centre label said /> }
    });
    view! {
        <button type="button" class="button" on:click=here>"Around my location"</button>
        {finder}
        <p role="status">{move || said.get()}</p>
        <Show when=move || centre.with(Option::is_some)>
            <SaveAreaOffer centre=centre.into() label=label.into() />
        </Show>
    }
}

/// An address typed, then chosen among the geocoder's matches.
#[component]
fn AddressFinder(
    geocoder: String,
    centre: RwSignal<Option<Point>>,
    label: RwSignal<Option<String>>,
    said: RwSignal<Option<String>>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let matches = RwSignal::new(Vec::<Address>::new());
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let geocoder = geocoder.clone();
        let text = typed.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        said.set(Some("Looking up the address…".to_owned()));
        spawn_local(async move {
            match lookup::search(&geocoder, &text).await {
                Ok(found) if found.is_empty() => {
                    matches.set(Vec::new());
                    said.set(Some(format!("No address matches “{text}”.")));
                }
                Ok(found) => {
                    said.set(Some(format!("{} addresses match.", found.len())));
                    matches.set(found);
                }
                Err(error) => said.set(Some(error.user_message())),
            }
        });
    };
    let choose = move |address: Address| {
        centre.set(Some(address.point));
        said.set(Some(format!("Around {}.", address.label)));
        label.set(Some(address.label));
        matches.set(Vec::new());
    };
    view! {
        <form class="area-finder" on:submit=find>
            <label for="area-address">"Or around an address"</label>
            <input
                id="area-address"
                type="text"
                autocomplete="off"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
            />
            <button type="submit" class="button">"Find"</button>
        </form>
        <Show when=move || matches.with(|m| !m.is_empty())>
            <ul class="address-matches" aria-label="Matching addresses">
                {move || {
                    matches
                        .get()
                        .into_iter()
                        .map(|address| {
                            let name = address.label.clone();
                            view! {
                                <li>
                                    <button type="button" class="button" on:click=move |_| choose(address.clone())>
                                        {name}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </Show>
    }
}
