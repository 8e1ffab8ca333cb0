//! The two engines, their drivers and how a new session of each is asked for.

use serde_json::{Value, json};

/// A browser engine other than Chromium.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Debian's Firefox ESR, through geckodriver, on the X display in `DISPLAY`.
    Firefox,
    /// WebKitGTK's MiniBrowser (Safari's engine), through WebKitWebDriver, on the X display
    /// in `DISPLAY`.
    WebKit,
}

/// Where Debian puts WebKitGTK's automation browser.
const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

impl Engine {
    pub const ALL: [Engine; 2] = [Engine::Firefox, Engine::WebKit];

    pub fn name(self) -> &'static str {
        match self {
            Engine::Firefox => "Firefox",
            Engine::WebKit => "WebKit",
        }
    }

    /// Whether the session allows notifications: Firefox takes it as a preference; WebKitGTK's
    /// browser under automation has no way to answer the request.
    pub fn grants_notifications(self) -> bool {
        match self {
            Engine::Firefox => true,
            Engine::WebKit => false,
        }
    }

    /// The driver's program, and its arguments to listen on `port`.
    pub fn driver(self, port: u16) -> (&'static str, Vec<String>) {
        match self {
            Engine::Firefox => ("geckodriver", vec!["--port".into(), port.to_string()]),
            Engine::WebKit => ("WebKitWebDriver", vec![format!("--port={port}")]),
        }
    }

    /// The capabilities of a fresh session: a new profile, nothing remembered. The location a
    /// phone would give is set where the engine takes it.
    pub fn capabilities(self) -> serde_json::Map<String, Value> {
        let caps = match self {
            Engine::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    // On the X display, not headless: headless Firefox cannot show
                    // notifications (showNotification fails with NS_ERROR_FAILURE).
                    "args": ["-width", "360", "-height", "740"],
                    "prefs": {
                        "permissions.default.geo": 1,
                        // Notifications allowed, as if the person had said yes before.
                        "permissions.default.desktop-notification": 1,
                        // Its own alert windows, not the desktop's notification service.
                        "alerts.useSystemBackend": false,
                        "geo.provider.network.url":
                            "data:application/json,{\"location\":{\"lat\":41.8781,\"lng\":-87.6298},\"accuracy\":12}",
                        "geo.provider.use_gpsd": false,
                        "geo.provider.use_geoclue": false,
                        "dom.serviceWorkers.testing.enabled": false,
                    },
                },
            }),
            Engine::WebKit => json!({
                "browserName": "MiniBrowser",
                "webkitgtk:browserOptions": {
                    "binary": MINIBROWSER,
                    "args": ["--automation"],
                },
            }),
        };
        match caps {
            Value::Object(map) => map,
            _ => unreachable!("capabilities are an object"),
        }
    }
}
