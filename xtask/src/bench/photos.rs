//! Benchmark 2: photo compression, in each engine. Each test photo goes through the app's
//! pipeline (its worker, from the report form), browser-image-compression and the floor (one
//! resizing decode, one encode) in one page of the same engine: `bench/photos.bench.ts` times
//! them in Chromium (Playwright), the `photo_bench` program of `engines/` in Firefox and WebKit
//! (WebDriver), with the same in-page script. Their outputs are scored here by SSIM against a
//! native reference downscale.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, ensure};
use serde::Deserialize;

use super::figure::{Budget, Figure, Unit};
use super::reference::{self, Original};
use super::ssim::ssim;
use super::stats::median;
use super::{Bench, read_json};
use crate::engines::Display;
use crate::{cmd, workspace};

const SECTION: &str = "photo compression";
const BIC: &str = "browser-image-compression";
/// The app takes at most half the time of browser-image-compression...
const MAX_TIME_OF_BIC: f64 = 0.5;
/// ...and at most 1.3 times the floor's.
const MAX_TIME_OF_FLOOR: f64 = 1.3;

#[derive(Debug, Deserialize)]
struct Measured {
    photos: Vec<Photo>,
}

#[derive(Debug, Deserialize)]
struct Photo {
    name: String,
    app: Run,
    bic: Run,
    floor: Run,
}

/// One tool's runs on one photo: the time of each, and the output of the last.
#[derive(Debug, Deserialize)]
struct Run {
    ms: Vec<f64>,
    output: PathBuf,
    width: u32,
    height: u32,
}

/// What the figures say of one tool's output.
struct Scored {
    median_ms: f64,
    bytes: f64,
    ssim: f64,
    size: String,
}

/// The engines WebDriver drives, by the name `photo_bench` takes and the name figures carry.
const WEBDRIVER_ENGINES: [(&str, &str); 2] = [("firefox", "Firefox"), ("webkit", "WebKit")];

pub fn measure(bench: &Bench) -> Result<Vec<Figure>> {
    let server = bench.start_server("photos", &[])?;
    let chromium: Measured = bench.in_browser("photos", &server)?;
    drop(server);
    let mut figures = engine_figures("Chromium", &chromium)?;
    let display = Display::for_webkit()?;
    for (engine, name) in WEBDRIVER_ENGINES {
        let measured = through_webdriver(bench, engine, &display)?;
        figures.extend(engine_figures(name, &measured)?);
    }
    Ok(figures)
}

/// Runs `photo_bench` for one engine; it starts its own reference server and page origin.
fn through_webdriver(bench: &Bench, engine: &str, display: &Display) -> Result<Measured> {
    let output = bench.out_dir.join(format!("photos-{engine}.json"));
    let _ = std::fs::remove_file(&output);
    println!("\n==> photos, {engine}");
    cmd::run(
        Command::new("cargo")
            .args(["run", "--quiet", "--package", "engine-tests", "--bin"])
            .args(["photo_bench", "--", engine])
            .arg(&output)
            .current_dir(workspace::root())
            .env("REPORT311_SERVER_BINARY", &bench.server)
            .env("REPORT311_DIST", workspace::dist_dir())
            .env("DISPLAY", display.name()),
    )?;
    read_json(&output)
}

fn engine_figures(engine: &str, measured: &Measured) -> Result<Vec<Figure>> {
    let mut figures = Vec::new();
    for photo in &measured.photos {
        let original = Original::open(&reference::fixtures().join(&photo.name))?;
        let [app, bic, floor] =
            [&photo.app, &photo.bic, &photo.floor].map(|run| score(run, &original));
        let label = format!("{engine}, {}", label(&photo.name));
        figures.extend(photo_figures(&label, &app?, &bic?, &floor?));
    }
    Ok(figures)
}

fn score(run: &Run, original: &Original) -> Result<Scored> {
    let jpeg =
        std::fs::read(&run.output).with_context(|| format!("reading {}", run.output.display()))?;
    let output = reference::luma(&jpeg)?;
    ensure!(
        output.dimensions() == (run.width, run.height),
        "{} is {:?}, not the {}x{} reported",
        run.output.display(),
        output.dimensions(),
        run.width,
        run.height
    );
    Ok(Scored {
        median_ms: median(&run.ms).context("no timed run")?,
        bytes: jpeg.len() as f64,
        ssim: ssim(&original.resized_luma(run.width, run.height), &output)?,
        size: format!("{}x{}", run.width, run.height),
    })
}

fn photo_figures(photo: &str, app: &Scored, bic: &Scored, floor: &Scored) -> Vec<Figure> {
    let name = |what: &str| format!("{photo}: {what}");
    vec![
        Figure::new(
            SECTION,
            name("app, median ms"),
            app.median_ms,
            Unit::Milliseconds,
        )
        .peer(BIC, bic.median_ms),
        Figure::new(
            SECTION,
            name("floor, median ms"),
            floor.median_ms,
            Unit::Milliseconds,
        ),
        Figure::new(
            SECTION,
            name("app time / browser-image-compression time"),
            app.median_ms / bic.median_ms,
            Unit::Ratio,
        )
        .budget(Budget::AtMost(MAX_TIME_OF_BIC)),
        Figure::new(
            SECTION,
            name("app time / floor time"),
            app.median_ms / floor.median_ms,
            Unit::Ratio,
        )
        .budget(Budget::AtMost(MAX_TIME_OF_FLOOR)),
        Figure::new(
            SECTION,
            name(&format!("app, bytes ({})", app.size)),
            app.bytes,
            Unit::Bytes,
        )
        .budget(Budget::AtMost(bic.bytes))
        .peer(format!("{BIC} ({})", bic.size), bic.bytes),
        Figure::new(
            SECTION,
            name(&format!("floor, bytes ({})", floor.size)),
            floor.bytes,
            Unit::Bytes,
        ),
        Figure::new(SECTION, name("app, SSIM"), app.ssim, Unit::Ratio)
            .budget(Budget::AtLeast(bic.ssim))
            .peer(BIC, bic.ssim),
        Figure::new(SECTION, name("floor, SSIM"), floor.ssim, Unit::Ratio),
    ]
}

/// A photo's file name without its extension.
fn label(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_compare_the_app_with_the_peer_on_the_same_photo() {
        let scored = |median_ms, bytes, ssim| Scored {
            median_ms,
            bytes,
            ssim,
            size: "1600x1200".into(),
        };
        let figures = photo_figures(
            "p",
            &scored(300.0, 280_000.0, 0.95),
            &scored(700.0, 250_000.0, 0.93),
            &scored(250.0, 280_000.0, 0.95),
        );
        let verdict = |what: &str| {
            figures
                .iter()
                .find(|f| f.name == format!("p: {what}"))
                .and_then(Figure::meets_budget)
        };
        assert_eq!(
            verdict("app time / browser-image-compression time"),
            Some(true)
        );
        assert_eq!(verdict("app time / floor time"), Some(true));
        assert_eq!(verdict("app, bytes (1600x1200)"), Some(false));
        assert_eq!(verdict("app, SSIM"), Some(true));
        assert_eq!(label("phone-12mp-orient1.jpg"), "phone-12mp-orient1");
    }
}
