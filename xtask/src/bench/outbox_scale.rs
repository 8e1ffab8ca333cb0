//! Benchmark 5: the outbox of a volunteer with 1,000 reports waiting.

use anyhow::Result;
use serde::Deserialize;

use super::Bench;
use super::figure::{Budget, Figure, Unit};

const SECTION: &str = "outbox at scale";

#[derive(Debug, Deserialize)]
struct Opened {
    reports: u32,
    /// Items on screen at first: the list's first page.
    listed: u32,
    runs: u32,
    interactive_ms: f64,
    render_ms: f64,
}

pub fn measure(bench: &Bench) -> Result<Vec<Figure>> {
    let server = bench.start_server("outbox", &[])?;
    let opened: Opened = bench.in_browser("outbox", &server)?;
    let median_of = format!("median of {}", opened.runs);
    Ok(vec![
        Figure::new(
            SECTION,
            "reports in the outbox",
            f64::from(opened.reports),
            Unit::Count,
        ),
        Figure::new(
            SECTION,
            "reports listed at first",
            f64::from(opened.listed),
            Unit::Count,
        ),
        Figure::new(
            SECTION,
            format!("navigation to an interactive outbox, {median_of}"),
            opened.interactive_ms,
            Unit::Milliseconds,
        )
        .budget(Budget::AtMost(1000.0)),
        Figure::new(
            SECTION,
            format!("records read to list rendered, {median_of}"),
            opened.render_ms,
            Unit::Milliseconds,
        )
        .budget(Budget::AtMost(100.0)),
    ])
}
