//! "Save this area for offline", on the map and in the settings: the size said before
//! starting, the progress while saving, and the saved areas with a way to remove each.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::saver::AreaSaver;
use crate::geography::Point;
use crate::geography::length_text;
use crate::map::area::{AreaState, DEFAULT_RADIUS_M, RADII_M, SavedArea};

/// Where the offer has got to.
#[derive(Clone, PartialEq)]
enum Offer {
    Closed,
    Choosing,
    Started(String),
}

/// The offer to save the area around `centre` (known to the person as `label`).
#[component]
pub fn SaveAreaOffer(
    centre: Signal<Option<Point>>,
    /// What the person calls the place, if known; otherwise its coordinates.
    label: Signal<Option<String>>,
    /// Whether to link to the screen that lists saved areas (not from that screen itself).
    #[prop(optional)]
    link_to_list: bool,
) -> impl IntoView {
    let Some(saver) = use_context::<AreaSaver>() else {
        return ().into_any();
    };
    let offer = RwSignal::new(Offer::Closed);
    let radius = RwSignal::new(DEFAULT_RADIUS_M);
    let refused = RwSignal::new(None::<String>);
    // Between the tap on "Save area" and the area's start: a second tap saves nothing more.
    let starting = RwSignal::new(false);
    // Another place is another offer.
    Effect::new(move |before: Option<Option<Point>>| {
        let now = centre.get();
        if before.is_some_and(|before| before != now) {
            offer.set(Offer::Closed);
        }
        now
    });
    let plan = LocalResource::new(move || {
        let centre = centre.get();
        let radius = radius.get();
        async move {
            match centre {
                Some(centre) => saver.plan(centre, radius).await,
                None => None,
            }
        }
    });
    let save = move |_| {
        let Some(Some(plan)) = plan.get_untracked() else {
            return;
        };
        let name = label.get_untracked().unwrap_or_else(|| {
            format!("{:.5}, {:.5}", plan.centre.latitude, plan.centre.longitude)
        });
        spawn_local(async move {
            match saver.start(&plan, name).await {
                Ok(id) => {
                    refused.set(None);
                    offer.set(Offer::Started(id));
                }
                Err(why) => refused.set(Some(why)),
            }
            starting.set(false);
        });
    };
    let not_ready =
        move || (starting.get() || !matches!(plan.get(), Some(Some(_)))).then_some("true");
    let on_radius = move |ev: leptos::ev::Event| {
        if let Ok(metres) = event_target_value(&ev).parse::<f64>() {
            radius.set(metres);
        }
    };
    let choosing = move || {
        view! {
            <fieldset class="save-area">
                <legend>"Save this area for offline"</legend>
                <label for="area-radius">"How far around"</label>
                <select id="area-radius" on:change=on_radius>
                    {RADII_M
                        .iter()
                        .map(|metres| {
                            view! {
                                <option
                                    value=metres.to_string()
                                    selected=move || radius.get() == *metres
                                >
                                    {length_text(*metres)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="area-plan" role="status">
                    {move || match plan.get() {
                        None => "Working out the size…".to_owned(),
                        Some(None) => String::new(),
                        Some(Some(plan)) => plan.sentence(),
                    }}
                </p>
                {move || refused.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
                <div class="actions">
                    <button
                        type="button"
                        class="button primary"
                        aria-disabled=not_ready
                        on:click=save
                    >
                        "Save area"
                    </button>
                    <button type="button" class="button" on:click=move |_| offer.set(Offer::Closed)>
                        "Cancel"
                    </button>
                </div>
            </fieldset>
        }
    };
    view! {
        {move || match offer.get() {
            Offer::Closed => {
                view! {
                    <button type="button" class="button" on:click=move |_| offer.set(Offer::Choosing)>
                        "Save this area for offline"
                    </button>
                }
                    .into_any()
            }
            Offer::Choosing => choosing().into_any(),
            Offer::Started(id) => {
                view! {
                    <AreaProgress id saver />
                    {link_to_list
                        .then(|| view! { <p><a href="/settings">"Offline map areas"</a></p> })}
                }
                    .into_any()
            }
        }}
    }
    .into_any()
}

/// How far saving the area `id` has got, with Resume when it stopped.
#[component]
fn AreaProgress(id: String, saver: AreaSaver) -> impl IntoView {
    let area = area_of(saver, id);
    view! {
        <AreaStatus area />
        <Show when=move || area.with(|area| area.as_ref().is_some_and(SavedArea::is_paused))>
            <button type="button" class="button" on:click=move |_| saver.resume(true)>
                "Resume saving"
            </button>
        </Show>
    }
}

/// The area `id` as it changes; `None` once removed.
fn area_of(saver: AreaSaver, id: String) -> Memo<Option<SavedArea>> {
    Memo::new(move |_| {
        saver
            .areas()
            .with(|areas| areas.iter().find(|area| area.id == id).cloned())
    })
}

/// An area's progress line, with a bar while it saves. The elements stay as the area
/// changes, so that a screen reader hears each new state.
#[component]
fn AreaStatus(area: Memo<Option<SavedArea>>) -> impl IntoView {
    let read = move |f: fn(&SavedArea) -> String| {
        area.with(|area| area.as_ref().map(f).unwrap_or_default())
    };
    let count = move |f: fn(&SavedArea) -> u32| area.with(|area| area.as_ref().map_or(0, f));
    view! {
        <p class="area-progress" role="status">{move || read(SavedArea::progress)}</p>
        <progress
            max=move || count(|area| area.total)
            value=move || count(|area| area.done)
            aria-label=move || read(|area| format!("Saving {}", area.title()))
            hidden=move || area.with(|area| area.as_ref().is_none_or(|area| area.state == AreaState::Saved))
        ></progress>
    }
}

/// The saved areas, each with its state, Resume when it stopped, and Remove.
#[component]
pub fn SavedAreasList() -> impl IntoView {
    let Some(saver) = use_context::<AreaSaver>() else {
        return ().into_any();
    };
    let areas = saver.areas();
    view! {
        <Show
            when=move || areas.with(|areas| !areas.is_empty())
            fallback=|| view! { <p>"No area is saved yet."</p> }
        >
            <ul class="report-list saved-areas" aria-label="Saved map areas">
                <For
                    each=move || areas.with(|areas| areas.iter().map(|area| area.id.clone()).collect::<Vec<_>>())
                    key=String::clone
                    let:id
                >
                    <SavedAreaItem id saver />
                </For>
            </ul>
        </Show>
    }
    .into_any()
}

#[component]
fn SavedAreaItem(id: String, saver: AreaSaver) -> impl IntoView {
    let area = area_of(saver, id.clone());
    let title = move || area.with(|area| area.as_ref().map(SavedArea::title).unwrap_or_default());
    let remove = move |_| {
        let id = id.clone();
        spawn_local(async move { saver.remove(&id).await });
    };
    view! {
        <li class="report-item saved-area">
            <h3>{title}</h3>
            <AreaStatus area />
            <div class="actions">
                <Show when=move || area.with(|area| area.as_ref().is_some_and(SavedArea::is_paused))>
                    <button type="button" class="button" on:click=move |_| saver.resume(true)>
                        "Resume saving"
                    </button>
                </Show>
                <button type="button" class="button" on:click=remove>
                    "Remove"
                    <span class="visually-hidden">{move || format!(" {}", title())}</span>
                </button>
            </div>
        </li>
    }
}
