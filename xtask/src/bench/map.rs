//! Benchmark: the map's cost. Leaflet's bytes (fetched with the report form only), the time
//! to the first tile, and an area saved for offline, as `bench/map.bench.ts` measures them
//! against the reference server serving the demo city.

use anyhow::Result;
use serde::Deserialize;

use super::Bench;
use super::figure::{Budget, Figure, Unit};
use super::first_load::Sizes;
use crate::workspace;

const SECTION: &str = "map";
/// What the issue allows the map's code, gzip: Leaflet here, its bindings in the main wasm.
const MAP_CODE_BUDGET: f64 = 60_000.0;
const LEAFLET: [&str; 2] = [
    "vendor/leaflet-1.9.4/leaflet.js",
    "vendor/leaflet-1.9.4/leaflet.css",
];

#[derive(Debug, Deserialize)]
struct Measured {
    first_tile_ms: f64,
    first_tile_slow_4g_ms: f64,
    area_tiles: f64,
    area_bytes: f64,
    area_ms: f64,
}

pub fn measure(bench: &Bench) -> Result<Vec<Figure>> {
    let demo = crate::demo_map::ensure()?;
    let (tiles, gazetteer) = (
        demo.tiles.display().to_string(),
        demo.gazetteer.display().to_string(),
    );
    let server = bench.start_server("map", &["--tiles", &tiles, "--gazetteer", &gazetteer])?;
    let measured: Measured = bench.in_browser("map", &server)?;

    let dist = workspace::dist_dir();
    let mut leaflet_gzip = 0;
    let mut figures = Vec::new();
    for file in LEAFLET {
        let sizes = Sizes::of(&std::fs::read(dist.join(file))?)?;
        leaflet_gzip += sizes.gzip;
        figures.push(Figure::new(
            SECTION,
            format!("{file}, gzip (fetched with the report form)"),
            sizes.gzip as f64,
            Unit::Bytes,
        ));
    }
    figures.push(
        Figure::new(
            SECTION,
            "Leaflet, js and css, gzip",
            leaflet_gzip as f64,
            Unit::Bytes,
        )
        .budget(Budget::AtMost(MAP_CODE_BUDGET)),
    );
    figures.extend([
        Figure::new(
            SECTION,
            "fresh device: Use my location to the first tile shown, median of 5",
            measured.first_tile_ms,
            Unit::Milliseconds,
        ),
        Figure::new(
            SECTION,
            "slow 4G (150 ms, 1.6 Mbit/s), no service worker yet: tapping the service to the first tile, Use my location tapped at once, median of 5",
            measured.first_tile_slow_4g_ms,
            Unit::Milliseconds,
        ),
        Figure::new(
            SECTION,
            "area saved for offline (1 km, zooms 13 to 18): tiles",
            measured.area_tiles,
            Unit::Count,
        ),
        Figure::new(
            SECTION,
            "area saved for offline: bytes (demo tiles)",
            measured.area_bytes,
            Unit::Bytes,
        ),
        Figure::new(
            SECTION,
            "area saved for offline: time to save, local server, median of 5",
            measured.area_ms,
            Unit::Milliseconds,
        ),
    ]);
    Ok(figures)
}
