//! Benchmark 6: Lighthouse's mobile audit of the first visit, in Debian's Chromium.

use std::process::Command;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::Bench;
use super::figure::{Budget, Figure, Unit};
use super::stats::median;
use crate::{cmd, tools, workspace};

const SECTION: &str = "lighthouse (mobile)";
/// Lighthouse's scores move from run to run; the median of a few is what it recommends.
const RUNS: usize = 3;

#[derive(Debug, Deserialize)]
struct Report {
    categories: Categories,
    audits: Audits,
}

#[derive(Debug, Deserialize)]
struct Categories {
    performance: Category,
    accessibility: Category,
    #[serde(rename = "best-practices")]
    best_practices: Category,
}

#[derive(Debug, Deserialize)]
struct Category {
    score: Option<f64>,
}

#[derive(Debug, Deserialize)]
struct Audits {
    #[serde(rename = "first-contentful-paint")]
    first_contentful_paint: Metric,
    #[serde(rename = "largest-contentful-paint")]
    largest_contentful_paint: Metric,
    #[serde(rename = "total-blocking-time")]
    total_blocking_time: Metric,
    #[serde(rename = "cumulative-layout-shift")]
    cumulative_layout_shift: Metric,
    interactive: Metric,
}

#[derive(Debug, Deserialize)]
struct Metric {
    #[serde(rename = "numericValue")]
    numeric_value: Option<f64>,
}

pub fn measure(bench: &Bench) -> Result<Vec<Figure>> {
    let server = bench.start_server("lighthouse", &[])?;
    let mut reports = Vec::new();
    for run in 0..RUNS {
        println!("\n==> lighthouse, run {} of {RUNS}", run + 1);
        reports.push(audit(bench, server.url(), run)?);
    }
    let score = |c: &Category| c.score.map(|s| (s * 100.0).round());
    let of_runs = format!("median of {RUNS}");
    let figures: [(String, Read, Unit, Option<Budget>); 8] = [
        (
            format!("performance, {of_runs}"),
            &|r| score(&r.categories.performance),
            Unit::Score,
            Some(Budget::AtLeast(95.0)),
        ),
        (
            format!("accessibility, {of_runs}"),
            &|r| score(&r.categories.accessibility),
            Unit::Score,
            Some(Budget::AtLeast(100.0)),
        ),
        (
            format!("best practices, {of_runs}"),
            &|r| score(&r.categories.best_practices),
            Unit::Score,
            Some(Budget::AtLeast(100.0)),
        ),
        (
            "first contentful paint (simulated)".into(),
            &|r| r.audits.first_contentful_paint.numeric_value,
            Unit::Milliseconds,
            None,
        ),
        (
            "largest contentful paint (simulated)".into(),
            &|r| r.audits.largest_contentful_paint.numeric_value,
            Unit::Milliseconds,
            None,
        ),
        (
            "total blocking time (simulated)".into(),
            &|r| r.audits.total_blocking_time.numeric_value,
            Unit::Milliseconds,
            None,
        ),
        (
            "time to interactive (simulated)".into(),
            &|r| r.audits.interactive.numeric_value,
            Unit::Milliseconds,
            None,
        ),
        (
            "cumulative layout shift".into(),
            &|r| r.audits.cumulative_layout_shift.numeric_value,
            Unit::Ratio,
            None,
        ),
    ];
    figures
        .into_iter()
        .map(|(name, read, unit, budget)| {
            let values = reports
                .iter()
                .map(read)
                .collect::<Option<Vec<f64>>>()
                .with_context(|| format!("Lighthouse gave no {name}"))?;
            let mut figure = Figure::new(SECTION, name, median(&values).context("no run")?, unit);
            figure.budget = budget;
            Ok(figure)
        })
        .collect()
}

/// Reads one figure from a report.
type Read<'a> = &'a dyn Fn(&Report) -> Option<f64>;

/// One Lighthouse run against `url` with its default mobile settings (a mid-range phone on a
/// slow 4G connection, simulated); its full report is kept beside the bench's other output.
fn audit(bench: &Bench, url: &str, run: usize) -> Result<Report> {
    let output = bench.out_dir.join(format!("lighthouse-{}.json", run + 1));
    let profile = tempfile::tempdir().context("creating a browser profile")?;
    let mut flags: Vec<String> = tools::CHROMIUM_FLAGS
        .iter()
        .map(|f| (*f).to_owned())
        .collect();
    flags.push(format!("--user-data-dir={}", profile.path().display()));
    cmd::run(
        Command::new(workspace::node_bin().join("lighthouse"))
            .arg(url)
            .arg(format!("--chrome-path={}", tools::CHROMIUM))
            .arg(format!("--chrome-flags={}", flags.join(" ")))
            .args([
                "--only-categories=performance,accessibility,best-practices",
                "--output=json",
                "--quiet",
            ])
            .arg(format!("--output-path={}", output.display())),
    )?;
    super::read_json(&output)
}
