//! Benchmark 4: a day's reports flushed to the server once the network returns.

use anyhow::Result;
use serde::Deserialize;

use super::Bench;
use super::figure::{Budget, Figure, Unit};

const SECTION: &str = "sync throughput";
/// Reports a second the page's sync must reach on loopback.
const BUDGET_PER_SECOND: f64 = 20.0;

#[derive(Debug, Deserialize)]
struct Flushed {
    reports: u32,
    photo_bytes: u64,
    total_ms: f64,
}

pub fn measure(bench: &Bench) -> Result<Vec<Figure>> {
    let server = bench.start_server("sync", &[])?;
    let flushed: Flushed = bench.in_browser("sync", &server)?;
    let reports = f64::from(flushed.reports);
    Ok(vec![
        Figure::new(
            SECTION,
            "reports queued, one photo each",
            reports,
            Unit::Count,
        ),
        Figure::new(
            SECTION,
            "photo bytes queued",
            flushed.photo_bytes as f64,
            Unit::Bytes,
        ),
        Figure::new(
            SECTION,
            "time until all sent",
            flushed.total_ms,
            Unit::Milliseconds,
        ),
        Figure::new(
            SECTION,
            "reports a second",
            reports / (flushed.total_ms / 1000.0),
            Unit::PerSecond,
        )
        .budget(Budget::AtLeast(BUDGET_PER_SECOND)),
    ])
}
