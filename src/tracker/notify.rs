//! System notifications, shown through the service worker so that tapping one can open the
//! app even when it is in the background, and the installed app's badge.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

use super::notice::Notice;

/// Whether the app may show notifications.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// This browser has no notifications (or no service worker to show them).
    Unsupported,
    /// Not asked yet.
    Ask,
    Granted,
    Denied,
}

/// The current permission.
pub fn permission() -> Permission {
    let Some(window) = web_sys::window() else {
        return Permission::Unsupported;
    };
    let has =
        |target: &JsValue, name: &str| js_sys::Reflect::has(target, &name.into()).unwrap_or(false);
    let supported = has(&window, "Notification") && has(&window.navigator(), "serviceWorker");
    if !supported {
        return Permission::Unsupported;
    }
    match Notification::permission() {
        NotificationPermission::Granted => Permission::Granted,
        NotificationPermission::Denied => Permission::Denied,
        _ => Permission::Ask,
    }
}

/// Asks the person, and says what they decided.
pub async fn ask() -> Permission {
    if permission() == Permission::Unsupported {
        return Permission::Unsupported;
    }
    if let Ok(asked) = Notification::request_permission() {
        let _ = JsFuture::from(asked).await;
    }
    permission()
}

/// Shows `notice`, if the person allowed notifications.
pub async fn show(notice: &Notice) {
    if permission() != Permission::Granted {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(ready) = window.navigator().service_worker().ready() else {
        return;
    };
    let Ok(registration) = JsFuture::from(ready).await else {
        return;
    };
    let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
    let options = NotificationOptions::new();
    options.set_body(&notice.body);
    options.set_tag(&notice.tag);
    options.set_icon("/icons/icon-192.png");
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"url".into(), &notice.url.as_str().into());
    options.set_data(&data);
    if let Ok(shown) = registration.show_notification_with_options(&notice.title, &options) {
        let _ = JsFuture::from(shown).await;
    }
}

/// Puts `count` on the installed app's icon, where the platform has badges.
pub fn set_badge(count: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let (name, args) = if count == 0 {
        ("clearAppBadge", js_sys::Array::new())
    } else {
        ("setAppBadge", js_sys::Array::of1(&count.into()))
    };
    if let Ok(method) = js_sys::Reflect::get(&navigator, &name.into())
        && let Ok(method) = method.dyn_into::<js_sys::Function>()
        && let Ok(promise) = method.apply(&navigator, &args)
    {
        // A refused badge is nothing to report: the count is on the page too.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(js_sys::Promise::from(promise)).await;
        });
    }
}
