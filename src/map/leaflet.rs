//! Leaflet, the map library, fetched only when a form with a map opens: its 46 KB (gzip) are
//! not on the way to the first screen. The files are the app's own (`public/vendor`), so the
//! service worker keeps them and the map opens offline too.

use std::cell::RefCell;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::user_message::UserMessage;

const SCRIPT: &str = "/vendor/leaflet-1.9.4/leaflet.js";
const STYLESHEET: &str = "/vendor/leaflet-1.9.4/leaflet.css";

/// Leaflet's files could not be fetched: offline before the app kept them, or a server fault.
#[derive(Clone, Copy, Debug, thiserror::Error)]
#[error("the map's code could not be loaded")]
pub struct MapUnavailable;

impl UserMessage for MapUnavailable {
    fn user_message(&self) -> String {
        "The map could not be loaded. Use your location or type the address instead.".to_owned()
    }
}

type Loading = Shared<LocalBoxFuture<'static, Result<(), MapUnavailable>>>;

thread_local! {
    /// One load for every map that asks while it runs; forgotten when it fails, so a later
    /// form tries again.
    static LOADING: RefCell<Option<Loading>> = const { RefCell::new(None) };
}

/// Resolves once `L` is defined and Leaflet's stylesheet applies.
pub async fn ready() -> Result<(), MapUnavailable> {
    let loading = LOADING.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| load().boxed_local().shared())
            .clone()
    });
    let outcome = loading.await;
    if outcome.is_err() {
        LOADING.with(|cell| cell.borrow_mut().take());
    }
    outcome
}

async fn load() -> Result<(), MapUnavailable> {
    let global = js_sys::global();
    if js_sys::Reflect::get(&global, &"L".into()).is_ok_and(|l| !l.is_undefined()) {
        return Ok(());
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(MapUnavailable)?;
    let head = document.head().ok_or(MapUnavailable)?;
    let link: web_sys::HtmlLinkElement = document
        .create_element("link")
        .map_err(|_| MapUnavailable)?
        .unchecked_into();
    link.set_rel("stylesheet");
    link.set_href(STYLESHEET);
    let script: web_sys::HtmlScriptElement = document
        .create_element("script")
        .map_err(|_| MapUnavailable)?
        .unchecked_into();
    script.set_src(SCRIPT);
    // The layout is measured when the map starts, so the stylesheet must apply first.
    let styled = loaded(&link);
    let scripted = loaded(&script);
    head.append_child(&link).map_err(|_| MapUnavailable)?;
    head.append_child(&script).map_err(|_| MapUnavailable)?;
    let (styled, scripted) = futures::join!(styled, scripted);
    if styled.is_err() || scripted.is_err() {
        // Removed, so that the next try adds them afresh.
        link.remove();
        script.remove();
        return Err(MapUnavailable);
    }
    Ok(())
}

/// Settles when `element` fires `load` (Ok) or `error` (Err).
fn loaded(element: &web_sys::HtmlElement) -> JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        element.set_onload(Some(&resolve));
        element.set_onerror(Some(&reject));
    });
    JsFuture::from(promise)
}

#[wasm_bindgen]
extern "C" {
    /// `L.divIcon`: a marker drawn by the page, so no image is fetched. (The binding in the
    /// `leaflet` crate constructs an `L.Icon` with this wasm-bindgen, which needs an image.)
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    pub fn div_icon(options: &leaflet::DivIconOptions) -> leaflet::Icon;

    /// The few methods of `L.Map` the `leaflet` crate does not bind.
    type MapMore;

    #[wasm_bindgen(method, js_name = panInside)]
    fn pan_inside(this: &MapMore, lat_lng: &leaflet::LatLng);

    #[wasm_bindgen(method, js_name = getMinZoom)]
    fn get_min_zoom(this: &MapMore) -> f64;
}

/// The widest zoom `map` allows.
pub fn min_zoom(map: &leaflet::Map) -> f64 {
    map.unchecked_ref::<MapMore>().get_min_zoom()
}

/// Pans `map` only as far as keeps `at` in view.
pub fn pan_inside(map: &leaflet::Map, at: &leaflet::LatLng) {
    map.unchecked_ref::<MapMore>().pan_inside(at);
}
