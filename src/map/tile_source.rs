//! The city's tile server, as `map_tiles` in `config.json` names it: an XYZ URL template,
//! its attribution, its zoom range. The template is checked once, here, so that every tile
//! address built from it is well formed.

use serde::Deserialize;

use super::tiles::{TileId, tile_url};

/// Where map tiles come from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Written")]
pub struct TileSource {
    template: String,
    attribution: String,
    min_zoom: u8,
    max_zoom: u8,
}

/// `map_tiles` as written.
#[derive(Deserialize)]
struct Written {
    url: String,
    attribution: String,
    #[serde(default = "default_min_zoom")]
    min_zoom: u8,
    #[serde(default = "default_max_zoom")]
    max_zoom: u8,
}

fn default_min_zoom() -> u8 {
    13
}

fn default_max_zoom() -> u8 {
    18
}

/// Deeper than this, no tile server has tiles.
const DEEPEST_ZOOM: u8 = 22;

impl TryFrom<Written> for TileSource {
    type Error = String;

    fn try_from(written: Written) -> Result<Self, String> {
        let url = written.url.trim();
        let placeholders = ["{z}", "{x}", "{y}"];
        if let Some(missing) = placeholders.iter().find(|p| !url.contains(**p)) {
            return Err(format!("map_tiles.url has no {missing}"));
        }
        let absolute = url.starts_with("https://") || url.starts_with("http://");
        if !absolute && !url.starts_with('/') {
            return Err("map_tiles.url must start with https:// or /".into());
        }
        if written.attribution.trim().is_empty() {
            return Err("map_tiles.attribution is empty: the tiles' owner must be named".into());
        }
        if written.min_zoom > written.max_zoom || written.max_zoom > DEEPEST_ZOOM {
            return Err(format!(
                "map_tiles zooms {} to {} are not a range within 0 to {DEEPEST_ZOOM}",
                written.min_zoom, written.max_zoom
            ));
        }
        Ok(Self {
            template: url.to_owned(),
            attribution: written.attribution.trim().to_owned(),
            min_zoom: written.min_zoom,
            max_zoom: written.max_zoom,
        })
    }
}

impl TileSource {
    /// The template, for the map library.
    pub fn template(&self) -> &str {
        &self.template
    }

    pub fn attribution(&self) -> &str {
        &self.attribution
    }

    pub fn zooms(&self) -> std::ops::RangeInclusive<u8> {
        self.min_zoom..=self.max_zoom
    }

    /// The address of one tile.
    pub fn url(&self, tile: TileId) -> String {
        tile_url(&self.template, tile)
    }

    /// The tile server's origin ("https://tiles.example.org"), or `None` when the tiles are on
    /// the app's own origin.
    pub fn origin(&self) -> Option<&str> {
        let rest = self
            .template
            .strip_prefix("https://")
            .or_else(|| self.template.strip_prefix("http://"))?;
        let host_len = rest.find('/').unwrap_or(rest.len());
        let scheme_len = self.template.len() - rest.len();
        Some(&self.template[..scheme_len + host_len])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<TileSource, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }

    #[test]
    fn a_template_gives_tile_addresses_and_its_origin() {
        let source = read(
            r#"{"url":"https://tiles.example.org/osm/{z}/{x}/{y}.png","attribution":"© OpenStreetMap contributors"}"#,
        )
        .unwrap();
        assert_eq!(
            source.url(TileId {
                z: 16,
                x: 16_815,
                y: 24_356
            }),
            "https://tiles.example.org/osm/16/16815/24356.png"
        );
        assert_eq!(source.origin(), Some("https://tiles.example.org"));
        assert_eq!(source.zooms(), 13..=18);
        let own = read(
            r#"{"url":"/tiles/{z}/{x}/{y}.png","attribution":"Demo","min_zoom":12,"max_zoom":19}"#,
        )
        .unwrap();
        assert_eq!(own.origin(), None);
        assert_eq!(own.zooms(), 12..=19);
    }

    #[test]
    fn what_cannot_work_is_refused_with_the_reason() {
        for (json, reason) in [
            (
                r#"{"url":"/tiles/{z}/{x}.png","attribution":"A"}"#,
                "has no {y}",
            ),
            (
                r#"{"url":"tiles/{z}/{x}/{y}.png","attribution":"A"}"#,
                "must start with",
            ),
            (
                r#"{"url":"/t/{z}/{x}/{y}.png","attribution":" "}"#,
                "must be named",
            ),
            (
                r#"{"url":"/t/{z}/{x}/{y}.png","attribution":"A","min_zoom":19,"max_zoom":18}"#,
                "not a range",
            ),
        ] {
            let error = read(json).unwrap_err();
            assert!(error.contains(reason), "{json}: {error}");
        }
    }
}
