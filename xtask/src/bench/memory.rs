//! Benchmark 3: memory after compressing photos in a row, as `bench/memory.bench.ts` reads it:
//! the wasm memory of the app's page and of its photo worker, and their live JavaScript heaps,
//! beside the page heap of browser-image-compression after as many photos.

use anyhow::Result;
use serde::Deserialize;

use super::Bench;
use super::figure::{Budget, Figure, Unit};

const SECTION: &str = "memory";
const BIC: &str = "browser-image-compression";
/// Each wasm memory stays under this: a decoded 12-megapixel photo alone takes 48 MB, so on
/// the fast path none ever enters wasm memory.
const MAX_WASM_BYTES: f64 = 32_000_000.0;

#[derive(Debug, Deserialize)]
struct Measured {
    photos: u32,
    app: App,
    bic: Peer,
}

#[derive(Debug, Deserialize)]
struct App {
    page_wasm_bytes: f64,
    worker_wasm_bytes: f64,
    /// Before the first photo, with the form open.
    page_js_heap_before_bytes: f64,
    page_js_heap_bytes: f64,
    worker_js_heap_bytes: f64,
}

#[derive(Debug, Deserialize)]
struct Peer {
    /// Before the first photo, with the library not yet loaded.
    page_js_heap_before_bytes: f64,
    page_js_heap_bytes: f64,
    workers_left: u32,
}

pub fn measure(bench: &Bench) -> Result<Vec<Figure>> {
    let server = bench.start_server("memory", &[])?;
    let measured: Measured = bench.in_browser("memory", &server)?;
    Ok(figures(&measured))
}

fn figures(measured: &Measured) -> Vec<Figure> {
    let Measured { photos, app, bic } = measured;
    let name = |what: &str| format!("after {photos} photos: {what}");
    let wasm = |what: &str, bytes: f64| {
        Figure::new(SECTION, name(what), bytes, Unit::Bytes).budget(Budget::AtMost(MAX_WASM_BYTES))
    };
    vec![
        wasm("app page, wasm memory", app.page_wasm_bytes),
        wasm("app photo worker, wasm memory", app.worker_wasm_bytes),
        Figure::new(
            SECTION,
            name("app page, live JS heap"),
            app.page_js_heap_bytes,
            Unit::Bytes,
        )
        .peer(format!("{BIC}'s blank page"), bic.page_js_heap_bytes),
        Figure::new(
            SECTION,
            name("app page, live JS heap growth since the first photo"),
            app.page_js_heap_bytes - app.page_js_heap_before_bytes,
            Unit::Bytes,
        )
        .peer(BIC, bic.page_js_heap_bytes - bic.page_js_heap_before_bytes),
        Figure::new(
            SECTION,
            name("app photo worker, live JS heap"),
            app.worker_js_heap_bytes,
            Unit::Bytes,
        ),
        Figure::new(
            SECTION,
            name(&format!("{BIC}, workers still running")),
            f64::from(bic.workers_left),
            Unit::Count,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_wasm_memory_is_held_to_the_budget() {
        let measured = Measured {
            photos: 20,
            app: App {
                page_wasm_bytes: 2_000_000.0,
                worker_wasm_bytes: 50_000_000.0,
                page_js_heap_before_bytes: 4_000_000.0,
                page_js_heap_bytes: 5_000_000.0,
                worker_js_heap_bytes: 800_000.0,
            },
            bic: Peer {
                page_js_heap_before_bytes: 1_000_000.0,
                page_js_heap_bytes: 3_000_000.0,
                workers_left: 0,
            },
        };
        let verdicts: Vec<Option<bool>> = figures(&measured)
            .iter()
            .map(Figure::meets_budget)
            .collect();
        assert_eq!(verdicts, [Some(true), Some(false), None, None, None, None]);
    }
}
