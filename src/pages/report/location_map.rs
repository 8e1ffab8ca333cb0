//! The map under "Where is the problem?": the city's tiles around the report's place, the pin
//! (dragged, tapped or moved by arrow keys), the device's accuracy and the open requests
//! nearby. The map is one tab stop; keys move the pin and the status line says where it is.

use leaflet::{
    Circle, CircleOptions, DivIconOptions, Evented, LatLng, Layer, LayerGroup, Map, MapOptions,
    Marker, MarkerOptions, MouseEvent, TileLayer, TileLayerOptions,
};
use std::cell::Cell;
use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;
use open311::ServiceRequestId;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::KeyboardEvent;

use super::location_section::LocationState;
use super::nearby_panel::{NearbyItem, NearbyOnMap, follow_instead};
use crate::components::form::error_summary::focus_field;
use crate::geography::{Point, length_text};
use crate::map::TileSource;
use crate::map::leaflet::{self as loader, div_icon, min_zoom, pan_inside};
use crate::map::nudge::{Direction, LONG_STEP, STEP_PX, nudge, step_m};
use crate::map::offline::SaveAreaOffer;
use crate::nearby::NearbyRequest;
use crate::report::problems::ADDRESS_ID;
use crate::session::SessionHandle;
use crate::time::now_ms;
use crate::user_message::UserMessage;

/// Close enough to street level to place a pin on the right side of the road.
const START_ZOOM: f64 = 17.0;
/// The pin: a drop whose point is the place. Drawn by the page, so nothing is fetched.
const PIN_SVG: &str = "<svg viewBox=\"0 0 28 40\" width=\"28\" height=\"40\" aria-hidden=\"true\">\
    <path d=\"M14 39C14 39 2 24 2 14a12 12 0 0 1 24 0c0 10-12 25-12 25z\"/>\
    <circle cx=\"14\" cy=\"14\" r=\"5\"/></svg>";
/// A pin this close to the place already is where it should be: not moved, not panned.
const SAME_PLACE_DEG: f64 = 1e-9;

/// The map, once the report has a place and Leaflet has loaded.
#[component]
pub fn LocationMap(
    source: TileSource,
    location: RwSignal<LocationState>,
    /// The address nearest the pin, which names a saved area.
    nearest: RwSignal<Option<String>>,
) -> impl IntoView {
    // Fetched as the form opens, so that it is there by the time a place is.
    let ready = LocalResource::new(loader::ready);
    let placed = move || location.with(|state| state.point().is_some());
    view! {
        <Show when=placed>
            <button type="button" class="link-button" on:click=|_| focus_field(ADDRESS_ID)>
                "Skip the map and type the address"
            </button>
            {
                let source = source.clone();
                move || match ready.get() {
                    None => Some(view! { <p class="map-loading">"Loading the map…"</p> }.into_any()),
                    Some(Err(error)) => {
                        Some(view! { <p class="map-unavailable">{error.user_message()}</p> }.into_any())
                    }
                    Some(Ok(())) => Some(view! { <PinMap source=source.clone() location nearest /> }.into_any()),
                }
            }
        </Show>
    }
}

/// Leaflet's objects for one map, dropped with it.
struct Parts {
    map: Map,
    pin: Marker,
    accuracy: Circle,
    requests: LayerGroup,
    /// The zoom level the keys asked for, until the map is there.
    zoom_target: Rc<Cell<Option<f64>>>,
    /// Kept alive as long as Leaflet may call them.
    _listeners: Vec<Closure<dyn FnMut(JsValue)>>,
    request_listeners: Vec<Closure<dyn FnMut(JsValue)>>,
}

#[component]
fn PinMap(
    source: TileSource,
    location: RwSignal<LocationState>,
    nearest: RwSignal<Option<String>>,
) -> impl IntoView {
    let container = NodeRef::<html::Div>::new();
    let parts = StoredValue::new_local(None::<Parts>);
    let zoom = RwSignal::new(START_ZOOM);
    // Leaflet refused to start: said, and the rest of the form goes on without the map.
    let failed = RwSignal::new(false);
    let chosen = RwSignal::new(None::<ServiceRequestId>);
    let marked = use_context::<NearbyOnMap>().map(|NearbyOnMap(marked)| marked);

    // Built once the container is in the page (Leaflet measures it), then kept in step with
    // the report's place, wherever that place comes from.
    Effect::new(move |_| {
        let state = location.get();
        let Some(div) = container.get() else { return };
        let Some(at) = state.point() else { return };
        if parts.with_value(Option::is_none) {
            match build(&div, &source, at, location, zoom) {
                Ok(built) => parts.set_value(Some(built)),
                Err(error) => {
                    web_sys::console::warn_2(&"Report311: the map did not start".into(), &error);
                    failed.set(true);
                    return;
                }
            }
        }
        parts.with_value(|parts| {
            if let Some(parts) = parts {
                follow_place(parts, state);
            }
        });
    });

    if let Some(marked) = marked {
        Effect::new(move |_| {
            let requests = marked.get();
            if container.get().is_none() {
                return;
            }
            parts.update_value(|parts| {
                if let Some(parts) = parts {
                    mark_requests(parts, &requests, chosen);
                }
            });
        });
    }

    on_cleanup(move || {
        if let Some(Some(parts)) = parts.try_update_value(Option::take) {
            parts.map.remove();
        }
    });

    let on_keydown = move |event: KeyboardEvent| {
        if event.alt_key() || event.ctrl_key() || event.meta_key() {
            return;
        }
        // Keys on the zoom buttons or the attribution's links are theirs.
        let on_map = event.target() == event.current_target();
        if !on_map {
            return;
        }
        parts.with_value(|parts| {
            let Some(parts) = parts else { return };
            let key = event.key();
            if let Some(direction) = Direction::of_key(&key) {
                event.prevent_default();
                let steps = if event.shift_key() { LONG_STEP } else { 1.0 };
                let from = location.with_untracked(|state| state.point());
                let Some(from) = from else { return };
                let to = nudge(from, direction, parts.map.get_zoom(), STEP_PX * steps);
                let at = lat_lng(to);
                parts.pin.set_lat_lng(&at);
                pan_inside(&parts.map, &at);
                location.set(LocationState::Pinned(to));
            } else if let Some(delta) = zoom_delta(&key) {
                event.prevent_default();
                zoom_by(parts, delta);
            }
        });
    };

    let keys_hint = move || {
        let latitude = location.with(|state| state.point().map_or(0.0, |p| p.latitude));
        let step = step_m(latitude, zoom.get());
        format!(
            "Drag the pin or tap the map to move it. With the keyboard: arrow keys move the pin \
             {} (with Shift, {}); + and − zoom.",
            length_text(step),
            length_text(step * LONG_STEP)
        )
    };

    view! {
        <Show when=move || failed.get()>
            <p class="map-unavailable" role="alert">
                "The map could not be shown. Use your location or type the address instead."
            </p>
        </Show>
        <p class="field-hint" id="map-keys" hidden=move || failed.get()>{keys_hint}</p>
        <div
            class="report-map"
            node_ref=container
            tabindex="0"
            role="application"
            aria-roledescription="map"
            aria-label="Map of the problem's place"
            aria-describedby="map-keys"
            hidden=move || failed.get()
            on:keydown=on_keydown
        ></div>
        <ChosenRequest chosen marked />
        <SaveAreaOffer
            centre=Signal::derive(move || location.with(|state| state.point()))
            label=nearest.into()
            link_to_list=true
        />
    }
}

/// The open request whose marker was chosen, with "Follow this one instead".
#[component]
fn ChosenRequest(
    chosen: RwSignal<Option<ServiceRequestId>>,
    marked: Option<RwSignal<Vec<NearbyRequest>>>,
) -> impl IntoView {
    let session = expect_context::<SessionHandle>();
    let failure = RwSignal::new(None::<String>);
    let on_follow = follow_instead(session, failure);
    let request = move || {
        let id = chosen.get()?;
        marked?.with(|requests| requests.iter().find(|request| request.id == id).cloned())
    };
    view! {
        {move || {
            request()
                .map(|request| {
                    view! {
                        <ul class="report-list map-chosen" aria-label="Chosen on the map">
                            <NearbyItem request now=now_ms() on_follow />
                        </ul>
                    }
                })
        }}
        {move || failure.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
    }
}

fn lat_lng(point: Point) -> LatLng {
    LatLng::new(point.latitude, point.longitude)
}

fn point_of(at: &LatLng) -> Point {
    Point {
        latitude: at.lat(),
        longitude: at.lng(),
    }
}

/// The zoom change a key asks for.
fn zoom_delta(key: &str) -> Option<f64> {
    match key {
        "+" | "=" => Some(1.0),
        "-" | "_" => Some(-1.0),
        _ => None,
    }
}

/// Zooms towards the level the keys have asked for so far. Leaflet ignores a zoom asked while
/// it animates one, so the level is kept here and asked again when each animation ends.
fn zoom_by(parts: &Parts, delta: f64) {
    let current = parts
        .zoom_target
        .get()
        .unwrap_or_else(|| parts.map.get_zoom());
    let target = (current + delta).clamp(min_zoom(&parts.map), parts.map.get_max_zoom());
    if (target - parts.map.get_zoom()).abs() < f64::EPSILON {
        // At the end of the range: nothing will happen, and nothing must be waited for.
        parts.zoom_target.set(None);
        return;
    }
    parts.zoom_target.set(Some(target));
    parts.map.set_zoom(target);
}

/// The map at `at`, with the city's tiles, the pin and the device's accuracy.
fn build(
    div: &web_sys::HtmlDivElement,
    source: &TileSource,
    at: Point,
    location: RwSignal<LocationState>,
    zoom: RwSignal<f64>,
) -> Result<Parts, JsValue> {
    let zooms = source.zooms();
    let options = MapOptions::new();
    options.set_center(lat_lng(at));
    options.set_zoom(START_ZOOM.clamp(f64::from(*zooms.start()), f64::from(*zooms.end())));
    options.set_min_zoom(f64::from(*zooms.start()));
    options.set_max_zoom(f64::from(*zooms.end()));
    // The map's own keys pan it; here they move the pin (see PinMap).
    options.set_keyboard(false);
    let map = Map::new_with_element(div, &options)?;

    let tiles = TileLayerOptions::new();
    // Leaflet writes the attribution as HTML; the city's is text.
    tiles.set_attribution(escape_html(source.attribution()));
    tiles.set_min_zoom(f64::from(*zooms.start()));
    tiles.set_max_zoom(f64::from(*zooms.end()));
    // CORS tiles are readable, so the service worker can keep them, and their errors are
    // seen as errors. The page says no referrer; tile servers such as OpenStreetMap's
    // refuse requests without one, so tiles name the app's origin, nothing more.
    tiles.set_cross_origin("anonymous".to_owned());
    tiles.set_referrer_policy("strict-origin".to_owned());
    TileLayer::new_options(source.template(), &tiles).add_to(&map);

    let accuracy_options = CircleOptions::new();
    accuracy_options.set_interactive(false);
    accuracy_options.set_class_name("map-accuracy".to_owned());
    let accuracy = Circle::new_with_options(&lat_lng(at), &accuracy_options);

    let pin_options = MarkerOptions::new();
    pin_options.set_draggable(true);
    // The map is the one tab stop; the pin moves with its arrow keys.
    pin_options.set_keyboard(false);
    pin_options.set_title("The problem's place".to_owned());
    let pin_icon = icon_options("map-pin", (28.0, 40.0), (14.0, 40.0));
    pin_icon.set_html(PIN_SVG.to_owned());
    pin_options.set_icon(div_icon(&pin_icon));
    let pin = Marker::new_with_options(&lat_lng(at), &pin_options);
    pin.add_to(&map);

    let requests = LayerGroup::new();
    requests.add_to(&map);

    let mut listeners = Vec::new();
    let dragged = pin.clone();
    listeners.push(listen(pin.unchecked_ref(), "dragend", move |_| {
        location.set(LocationState::Pinned(point_of(&dragged.get_lat_lng())));
    }));
    let tapped_pin = pin.clone();
    listeners.push(listen(map.unchecked_ref(), "click", move |event| {
        let at = event.unchecked_into::<MouseEvent>().lat_lng();
        tapped_pin.set_lat_lng(&at);
        location.set(LocationState::Pinned(point_of(&at)));
    }));
    let zoom_target = Rc::new(Cell::new(None::<f64>));
    let zoomed = map.clone();
    let asked = zoom_target.clone();
    listeners.push(listen(map.unchecked_ref(), "zoomend", move |_| {
        let now = zoomed.get_zoom();
        match asked.get() {
            Some(target) if (target - now).abs() > f64::EPSILON => {
                zoomed.set_zoom(target);
            }
            _ => asked.set(None),
        }
        zoom.set(now);
    }));
    zoom.set(map.get_zoom());

    Ok(Parts {
        map,
        pin,
        accuracy,
        requests,
        zoom_target,
        _listeners: listeners,
        request_listeners: Vec::new(),
    })
}

/// The pin goes where the report's place now is, and the map with it; the accuracy circle is
/// drawn while the place is the device's own fix.
fn follow_place(parts: &Parts, state: LocationState) {
    let Some(at) = state.point() else { return };
    let shown = point_of(&parts.pin.get_lat_lng());
    let moved = (shown.latitude - at.latitude).abs() > SAME_PLACE_DEG
        || (shown.longitude - at.longitude).abs() > SAME_PLACE_DEG;
    if moved {
        parts.pin.set_lat_lng(&lat_lng(at));
        parts.map.pan_to(&lat_lng(at));
    }
    let accuracy_layer: &Layer = parts.accuracy.unchecked_ref();
    match state {
        LocationState::Found(fix) => {
            parts.accuracy.set_lat_lng(&lat_lng(at));
            parts.accuracy.set_radius(fix.accuracy_m);
            if !parts.map.has_layer(accuracy_layer) {
                accuracy_layer.add_to(&parts.map);
            }
        }
        // A pin moved by hand keeps the circle of the fix it started from.
        LocationState::Pinned(_) => {}
        _ => {
            accuracy_layer.remove();
        }
    }
}

/// A marker for each of `requests`; choosing one shows it under the map.
fn mark_requests(
    parts: &mut Parts,
    requests: &[NearbyRequest],
    chosen: RwSignal<Option<ServiceRequestId>>,
) {
    parts.requests.clear_layers();
    // After the markers that could call them are gone.
    parts.request_listeners.clear();
    for request in requests {
        let options = MarkerOptions::new();
        options.set_keyboard(false);
        options.set_title(format!(
            "Request {}: {}",
            request.id,
            request.distance_text()
        ));
        options.set_icon(div_icon(&icon_options(
            "map-request",
            (22.0, 22.0),
            (11.0, 11.0),
        )));
        let marker = Marker::new_with_options(&lat_lng(request.place), &options);
        let id = request.id.clone();
        parts
            .request_listeners
            .push(listen(marker.unchecked_ref(), "click", move |_| {
                chosen.set(Some(id.clone()))
            }));
        parts.requests.add_layer(marker.unchecked_ref());
    }
    if chosen.with_untracked(|id| {
        id.as_ref()
            .is_some_and(|id| !requests.iter().any(|r| &r.id == id))
    }) {
        chosen.set(None);
    }
}

fn icon_options(class: &str, size: (f64, f64), anchor: (f64, f64)) -> DivIconOptions {
    let options = DivIconOptions::new();
    options.set_class_name(class.to_owned());
    options.set_html(String::new());
    options.set_icon_size(leaflet::Point::new(size.0, size.1));
    options.set_icon_anchor(leaflet::Point::new(anchor.0, anchor.1));
    options
}

fn listen(
    target: &Evented,
    kind: &str,
    handler: impl FnMut(JsValue) + 'static,
) -> Closure<dyn FnMut(JsValue)> {
    let closure = Closure::<dyn FnMut(JsValue)>::new(handler);
    target.on(kind, closure.as_ref());
    closure
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
