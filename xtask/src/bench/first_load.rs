//! Benchmark 1: the bytes of a first visit, per file, raw, gzip and brotli.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::Bench;
use super::figure::{Budget, Figure, Unit};
use crate::workspace;

const SECTION: &str = "first load";
/// The first screen, compressed as a server sends it: at most 150 KB gzip in all.
const BUDGET_GZIP: f64 = 150_000.0;

/// What the browser fetched, as `bench/first_load.bench.ts` records it.
#[derive(Debug, Deserialize)]
struct Fetched {
    renders_without_scripts: bool,
    first_screen: Vec<String>,
    page: Vec<String>,
    /// The city's answers the first visit saves for offline use.
    catalogue: Catalogue,
}

#[derive(Debug, Deserialize)]
struct Catalogue {
    requests: usize,
    bytes: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Sizes {
    raw: usize,
    pub(super) gzip: usize,
    brotli: usize,
}

impl Sizes {
    pub(super) fn of(bytes: &[u8]) -> Result<Self> {
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(bytes)?;
        let mut brotli = Vec::new();
        brotli::BrotliCompress(
            &mut &bytes[..],
            &mut brotli,
            &brotli::enc::BrotliEncoderParams {
                quality: 11,
                ..Default::default()
            },
        )?;
        Ok(Self {
            raw: bytes.len(),
            gzip: gzip.finish()?.len(),
            brotli: brotli.len(),
        })
    }

    fn add(self, other: Self) -> Self {
        Self {
            raw: self.raw + other.raw,
            gzip: self.gzip + other.gzip,
            brotli: self.brotli + other.brotli,
        }
    }
}

pub fn measure(bench: &Bench) -> Result<Vec<Figure>> {
    let server = bench.start_server("first_load", &[])?;
    let fetched: Fetched = bench.in_browser("first_load", &server)?;
    let dist = workspace::dist_dir();
    let first_screen = unique(&fetched.first_screen);
    let page: Vec<&str> = unique(&fetched.page)
        .into_iter()
        .filter(|p| !first_screen.contains(p))
        .collect();
    let later = code_loaded_later(&dist, &fetched)?;
    let first_group = if fetched.renders_without_scripts {
        "first screen (renders without scripts)"
    } else {
        "first screen"
    };
    let groups = [
        (first_group, first_screen, Some(Budget::AtMost(BUDGET_GZIP))),
        (
            "rest of the app, fetched once the first screen is painted",
            page,
            None,
        ),
        (
            "fetched later, by the service worker or on first use",
            later.iter().map(String::as_str).collect(),
            None,
        ),
    ];
    let mut figures = Vec::new();
    for (group, paths, budget) in groups {
        let mut total = Sizes::default();
        for path in paths {
            let sizes = Sizes::of(&read_served(&dist, path)?)?;
            figures.extend(per_file(group, path, sizes, None));
            total = total.add(sizes);
        }
        figures.extend(per_file(group, "total", total, budget));
    }
    figures.push(Figure::new(
        SECTION,
        format!(
            "the city's catalogue, saved for offline on the first visit ({} answers), raw",
            fetched.catalogue.requests
        ),
        fetched.catalogue.bytes as f64,
        Unit::Bytes,
    ));
    Ok(figures)
}

/// Raw, gzip and brotli figures of one file; a budget applies to gzip, as servers send it.
fn per_file(group: &str, path: &str, sizes: Sizes, gzip_budget: Option<Budget>) -> [Figure; 3] {
    let name = |kind: &str| format!("{group}: {path}, {kind}");
    let mut gzip = Figure::new(SECTION, name("gzip"), sizes.gzip as f64, Unit::Bytes);
    gzip.budget = gzip_budget;
    [
        Figure::new(SECTION, name("raw"), sizes.raw as f64, Unit::Bytes),
        gzip,
        Figure::new(SECTION, name("brotli"), sizes.brotli as f64, Unit::Bytes),
    ]
}

fn unique(paths: &[String]) -> Vec<&str> {
    let mut seen = BTreeSet::new();
    paths
        .iter()
        .map(String::as_str)
        .filter(|p| seen.insert(*p))
        .collect()
}

/// The app's code in dist/ that the page did not fetch on its first visit: the workers.
fn code_loaded_later(dist: &Path, fetched: &Fetched) -> Result<Vec<String>> {
    let mut later = Vec::new();
    for entry in std::fs::read_dir(dist).context("listing dist/")? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let path = format!("/{name}");
        let is_code = name.ends_with(".js") || name.ends_with(".wasm");
        if is_code && !fetched.page.contains(&path) {
            later.push(path);
        }
    }
    later.sort_unstable();
    Ok(later)
}

/// The bytes the server sends for `path`: the app's page for the root.
fn read_served(dist: &Path, path: &str) -> Result<Vec<u8>> {
    let relative = match path.trim_start_matches('/') {
        "" => "index.html",
        other => other,
    };
    let file = dist.join(relative);
    std::fs::read(&file).with_context(|| format!("reading {}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_sizes_are_smaller_for_repetitive_bytes_and_brotli_wins() {
        let bytes = b"<li>Report a problem</li>".repeat(200);
        let sizes = Sizes::of(&bytes).unwrap();
        assert_eq!(sizes.raw, bytes.len());
        assert!(sizes.gzip < sizes.raw / 10, "{sizes:?}");
        assert!(sizes.brotli <= sizes.gzip, "{sizes:?}");
    }

    #[test]
    fn the_root_is_served_as_the_apps_page() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<!DOCTYPE html>").unwrap();
        assert_eq!(read_served(dir.path(), "/").unwrap(), b"<!DOCTYPE html>");
        assert!(read_served(dir.path(), "/missing.js").is_err());
    }

    #[test]
    fn each_path_counts_once() {
        let paths = ["/", "/a.js", "/", "/b.wasm", "/a.js"].map(str::to_owned);
        assert_eq!(unique(&paths), ["/", "/a.js", "/b.wasm"]);
    }
}
