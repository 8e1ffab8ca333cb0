//! The deployment's configuration: which city, which server, which limits.
//!
//! A city deploys the app by editing `config.json` next to `index.html`; the service worker
//! keeps a copy so the app starts offline.

use open311::{Format, JurisdictionId};
use serde::Deserialize;

use crate::client::{ClientError, Endpoints, http};
use crate::map::TileSource;
use crate::nearby::Radius;
use crate::user_message::UserMessage;

/// What `config.json` says.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AppConfig {
    /// The city's name, as residents say it.
    pub city_name: String,
    /// The GeoReport v2 root, absolute or on this origin.
    pub base_url: String,
    #[serde(default)]
    pub jurisdiction_id: Option<JurisdictionId>,
    /// The key the city issued to this app. Public by nature (it ships to every browser),
    /// but still never logged or shown.
    #[serde(default)]
    pub api_key: String,
    /// The server takes photos as multipart `media` parts; otherwise only `media_url`.
    #[serde(default)]
    pub media_upload: bool,
    #[serde(default = "defaults::photo_max_count")]
    pub photo_max_count: u8,
    #[serde(default = "defaults::photo_max_long_edge_px")]
    pub photo_max_long_edge_px: u32,
    #[serde(default = "defaults::photo_target_bytes")]
    pub photo_target_bytes: u32,
    /// How often the tracker checks the statuses of followed requests while the app is open.
    #[serde(default = "defaults::status_refresh_seconds")]
    pub status_refresh_seconds: u32,
    /// How far around the place of a new report open requests of its service are offered.
    #[serde(default, rename = "nearby_radius_m")]
    pub nearby_radius: Radius,
    /// The city's map tiles; without them the form places reports without a map.
    #[serde(default)]
    pub map_tiles: Option<TileSource>,
    /// The root of the city's Nominatim-speaking geocoder; without it, coordinates only.
    #[serde(default)]
    pub geocoder: Option<String>,
}

mod defaults {
    pub fn photo_max_count() -> u8 {
        3
    }
    pub fn photo_max_long_edge_px() -> u32 {
        1600
    }
    /// At 1600 px a 12-megapixel phone photo then lands near quality 0.71: an SSIM of 0.93
    /// to 0.95 against a careful downscale. Each tenth more of this budget buys only about
    /// 0.005 of SSIM, and costs seconds per report on a poor network.
    pub fn photo_target_bytes() -> u32 {
        260_000
    }
    pub fn status_refresh_seconds() -> u32 {
        180
    }
}

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config.json could not be loaded: {0}")]
    Unavailable(#[from] ClientError),
    #[error("config.json is not valid: {0}")]
    Invalid(String),
}

impl UserMessage for ConfigError {
    /// A sentence for the resident.
    fn user_message(&self) -> String {
        match self {
            ConfigError::Unavailable(error) => format!(
                "Report311 could not load its settings. {} Reload the page to try again.",
                error.user_message()
            ),
            ConfigError::Invalid(_) => {
                "Report311 is not set up correctly for this city (its settings file is invalid). \
                 Please tell the city."
                    .to_owned()
            }
        }
    }
}

impl AppConfig {
    /// Reads and checks `config.json`'s text.
    pub fn parse(text: &[u8]) -> Result<Self, ConfigError> {
        let config: AppConfig =
            serde_json::from_slice(text).map_err(|e| ConfigError::Invalid(e.to_string()))?;
        if config.base_url.trim().is_empty() {
            return Err(ConfigError::Invalid("base_url is empty".into()));
        }
        if config.photo_max_count == 0 || config.photo_max_long_edge_px < 320 {
            return Err(ConfigError::Invalid("photo limits are too small".into()));
        }
        if config
            .geocoder
            .as_deref()
            .is_some_and(|g| g.trim().is_empty())
        {
            return Err(ConfigError::Invalid("geocoder is empty".into()));
        }
        if config.status_refresh_seconds == 0 {
            return Err(ConfigError::Invalid(
                "status_refresh_seconds must be at least 1".into(),
            ));
        }
        Ok(config)
    }

    /// Loads `config.json` from next to the page.
    pub async fn load() -> Result<Self, ConfigError> {
        let answer = http::get("/config.json", &[]).await?;
        if answer.status != 200 {
            return Err(ConfigError::Unavailable(ClientError::Status {
                status: answer.status,
                errors: Vec::new(),
            }));
        }
        Self::parse(&answer.body)
    }

    /// The server's resource addresses; JSON first (the catalogue falls back to XML).
    pub fn endpoints(&self) -> Endpoints {
        Endpoints::new(&self.base_url, Format::Json, self.jurisdiction_id.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shipped_file_with_defaults() {
        let config = AppConfig::parse(include_bytes!("../public/config.json")).unwrap();
        assert_eq!(config.city_name, "Chicago");
        assert_eq!(config.photo_max_count, 3);
        assert_eq!(config.photo_max_long_edge_px, 1600);
        assert_eq!(config.photo_target_bytes, 260_000);
        assert_eq!(config.status_refresh_seconds, 180);
        let minimal = AppConfig::parse(
            br#"{"city_name":"Bloomington","base_url":"https://b.example/open311/v2"}"#,
        )
        .unwrap();
        assert_eq!(minimal.photo_max_count, 3);
        assert!(!minimal.media_upload);
        assert_eq!(minimal.nearby_radius, Radius::default());
        assert_eq!(minimal.map_tiles, None);
        assert_eq!(minimal.geocoder, None);
        assert_eq!(
            minimal.endpoints().services(),
            "https://b.example/open311/v2/services.json"
        );
    }

    #[test]
    fn reads_the_map_tiles_and_the_geocoder() {
        let config = AppConfig::parse(
            br#"{"city_name":"X","base_url":"/api","geocoder":"/geocoder",
                "map_tiles":{"url":"/tiles/{z}/{x}/{y}.png","attribution":"Demo map","min_zoom":13,"max_zoom":18}}"#,
        )
        .unwrap();
        assert_eq!(config.geocoder.as_deref(), Some("/geocoder"));
        let tiles = config.map_tiles.unwrap();
        assert_eq!(tiles.attribution(), "Demo map");
        assert_eq!(tiles.zooms(), 13..=18);
    }

    #[test]
    fn reads_the_nearby_radius_in_metres() {
        let config =
            AppConfig::parse(br#"{"city_name":"X","base_url":"/api","nearby_radius_m":250}"#)
                .unwrap();
        assert_eq!(config.nearby_radius.metres(), 250.0);
    }

    #[test]
    fn refuses_what_cannot_work() {
        for text in [
            &b"<html>"[..],
            br#"{"city_name":"X"}"#,
            br#"{"city_name":"X","base_url":"  "}"#,
            br#"{"city_name":"X","base_url":"/api","photo_max_count":0}"#,
            br#"{"city_name":"X","base_url":"/api","status_refresh_seconds":0}"#,
            br#"{"city_name":"X","base_url":"/api","nearby_radius_m":5000}"#,
            br#"{"city_name":"X","base_url":"/api","geocoder":""}"#,
            br#"{"city_name":"X","base_url":"/api","map_tiles":{"url":"/t/{z}/{x}.png","attribution":"A"}}"#,
        ] {
            assert!(matches!(
                AppConfig::parse(text),
                Err(ConfigError::Invalid(_))
            ));
        }
    }
}
