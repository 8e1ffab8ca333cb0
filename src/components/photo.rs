//! Photos on screen: bytes kept on this device, or a city server's copy.

use leptos::prelude::*;

use crate::outbox::reports;
use crate::session::use_session;
use crate::store::PhotoId;

/// A URL the page can show `bytes` at, until it is revoked.
pub fn object_url(bytes: &[u8], content_type: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// A photo saved on this device, read from the store.
#[component]
pub fn DevicePhoto(id: PhotoId, alt: String) -> impl IntoView {
    let db = use_session().db;
    let url = LocalResource::new(move || {
        let (db, id) = (db.clone(), id.clone());
        async move {
            let photo = reports::photo(&db, &id).await.ok().flatten()?;
            let url = object_url(&photo.bytes, &photo.content_type)?;
            Some((url, photo.width, photo.height))
        }
    });
    on_cleanup(move || {
        if let Some(Some((url, ..))) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    move || {
        url.get().flatten().map(|(src, width, height)| {
            view! { <img class="photo-thumb" src=src alt=alt.clone() width=width height=height /> }
        })
    }
}

/// A photo on the city's server. Only the app's own origin and the configured server's are
/// loaded (the app makes no request elsewhere); a photo kept anywhere else is a link the
/// person may follow. A photo that cannot be loaded (offline, say) is left out.
#[component]
pub fn ServerPhoto(
    url: String,
    alt: String,
    #[prop(default = "photo-thumb")] class: &'static str,
) -> impl IntoView {
    let base_url = use_session().config.base_url;
    let broken = RwSignal::new(false);
    if first_party(&url, &base_url) {
        view! {
            <Show when=move || !broken.get()>
                <img
                    class=class
                    src=url.clone()
                    alt=alt.clone()
                    loading="lazy"
                    on:error=move |_| broken.set(true)
                />
            </Show>
        }
        .into_any()
    } else {
        view! {
            <a href=url rel="noreferrer noopener" target="_blank">
                {format!("{alt}, on the city's website")}
            </a>
        }
        .into_any()
    }
}

fn first_party(url: &str, base_url: &str) -> bool {
    let Some(here) = web_sys::window().and_then(|w| w.location().href().ok()) else {
        return false;
    };
    let origin = |url: &str| {
        web_sys::Url::new_with_base(url, &here)
            .ok()
            .map(|u| u.origin())
    };
    origin(url).is_some_and(|photo| {
        Some(&photo) == origin(&here).as_ref() || Some(&photo) == origin(base_url).as_ref()
    })
}
