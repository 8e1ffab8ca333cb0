//! The browser's caches of map tiles, as the service worker (`public/sw.js`) reads them: the
//! tiles of saved areas, kept until their area is removed, and the tiles seen, whose sizes
//! tell how much an area will weigh.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, ReferrerPolicy, RequestInit, RequestMode, Response, ResponseInit};

/// The names `public/sw.js` uses.
const AREA_CACHE: &str = "report311-areas";
const SEEN_CACHE: &str = "report311-tiles";
/// The header each kept tile's size is written in, by the service worker and here.
const BYTES_HEADER: &str = "x-report311-bytes";
/// Enough seen tiles to know what this server's tiles weigh.
const SAMPLE: u32 = 50;

/// Why a tile could not be kept.
#[derive(Clone, Debug, thiserror::Error)]
pub enum TileError {
    #[error("no connection to the tile server")]
    Offline,
    /// The server has no such tile (beyond its coverage): nothing to keep, nothing to retry.
    #[error("the tile server has no tile there")]
    Missing,
    #[error("the tile server answered {0}")]
    Refused(u16),
    #[error("the device has no more room")]
    Full,
    #[error("the browser's cache failed: {0}")]
    Cache(String),
}

fn cache_error(error: &JsValue) -> TileError {
    let name = Reflect::get(error, &"name".into())
        .ok()
        .and_then(|name| name.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        TileError::Full
    } else {
        TileError::Cache(format!("{error:?}"))
    }
}

async fn open(name: &str) -> Result<Cache, TileError> {
    let caches = web_sys::window()
        .ok_or_else(|| TileError::Cache("no window".into()))?
        .caches()
        .map_err(|error| cache_error(&error))?;
    let cache = JsFuture::from(caches.open(name))
        .await
        .map_err(|error| cache_error(&error))?;
    Ok(cache.unchecked_into())
}

/// The saved areas' tiles.
#[derive(Clone)]
pub struct AreaTiles(Cache);

impl AreaTiles {
    pub async fn open() -> Result<Self, TileError> {
        open(AREA_CACHE).await.map(AreaTiles)
    }

    /// The size of the tile at `url` if it is kept already.
    pub async fn kept(&self, url: &str) -> Result<Option<u64>, TileError> {
        let found = JsFuture::from(self.0.match_with_str(url))
            .await
            .map_err(|error| cache_error(&error))?;
        let Ok(response) = found.dyn_into::<Response>() else {
            return Ok(None);
        };
        Ok(Some(size_of(&response)))
    }

    /// Fetches the tile at `url` and keeps it; its size.
    pub async fn fetch_and_keep(&self, url: &str) -> Result<u64, TileError> {
        let init = RequestInit::new();
        init.set_mode(RequestMode::Cors);
        // As the map's own tile requests: the app's origin, never the page.
        init.set_referrer_policy(ReferrerPolicy::StrictOrigin);
        let window = web_sys::window().ok_or(TileError::Offline)?;
        let answer = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(|_| TileError::Offline)?;
        let response: Response = answer.unchecked_into();
        match response.status() {
            200..=299 => {}
            404 | 410 => return Err(TileError::Missing),
            status => return Err(TileError::Refused(status)),
        }
        let content_type = response
            .headers()
            .get("content-type")
            .ok()
            .flatten()
            .unwrap_or_else(|| "image/png".to_owned());
        let body = response.array_buffer().map_err(|_| TileError::Offline)?;
        let body = Uint8Array::new(&JsFuture::from(body).await.map_err(|_| TileError::Offline)?);
        let bytes = u64::from(body.length());
        let headers = web_sys::Headers::new().map_err(|error| cache_error(&error))?;
        headers
            .set("content-type", &content_type)
            .map_err(|error| cache_error(&error))?;
        headers
            .set(BYTES_HEADER, &bytes.to_string())
            .map_err(|error| cache_error(&error))?;
        let init = ResponseInit::new();
        init.set_status(200);
        init.set_headers(&headers);
        let kept = Response::new_with_opt_buffer_source_and_init(Some(&body), &init)
            .map_err(|error| cache_error(&error))?;
        JsFuture::from(self.0.put_with_str(url, &kept))
            .await
            .map_err(|error| cache_error(&error))?;
        Ok(bytes)
    }

    pub async fn forget(&self, url: &str) -> Result<(), TileError> {
        JsFuture::from(self.0.delete_with_str(url))
            .await
            .map(|_| ())
            .map_err(|error| cache_error(&error))
    }
}

/// The size a kept tile's header says (both caches write it).
fn size_of(response: &Response) -> u64 {
    response
        .headers()
        .get(BYTES_HEADER)
        .ok()
        .flatten()
        .and_then(|bytes| bytes.parse().ok())
        .unwrap_or(0)
}

/// What a tile seen so far has weighed on average; `None` before any was seen.
pub async fn mean_seen_tile_bytes() -> Option<u64> {
    let cache = open(SEEN_CACHE).await.ok()?;
    let keys: js_sys::Array = JsFuture::from(cache.keys()).await.ok()?.unchecked_into();
    let mut total = 0_u64;
    let mut counted = 0_u64;
    for request in keys.iter().take(SAMPLE as usize) {
        let request: web_sys::Request = request.unchecked_into();
        let found = JsFuture::from(cache.match_with_request(&request))
            .await
            .ok()?;
        let Ok(response) = found.dyn_into::<Response>() else {
            continue;
        };
        let bytes = size_of(&response);
        if bytes > 0 {
            total += bytes;
            counted += 1;
        }
    }
    (counted > 0).then(|| total / counted)
}
