//! `cargo xtask bench`: measures the app against its budgets, in headless Chromium against
//! the reference server, and records every figure in bench/results.json.

mod api_client;
mod figure;
mod first_load;
mod latency;
mod lighthouse;
mod map;
mod memory;
mod outbox_scale;
mod photos;
mod reference;
mod report;
mod server_load;
mod ssim;
mod stats;
mod sync_flush;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde::de::DeserializeOwned;

use crate::server::{self, AppServer};
use crate::{cmd, dist, tools, workspace};
use figure::Figure;
use report::{Machine, Results};

/// A benchmark: its name on the command line and what measures it.
type Measure = fn(&Bench) -> Result<Vec<Figure>>;

const BENCHMARKS: &[(&str, Measure)] = &[
    ("first_load", first_load::measure),
    ("photos", photos::measure),
    ("memory", memory::measure),
    ("sync", sync_flush::measure),
    ("outbox", outbox_scale::measure),
    ("lighthouse", lighthouse::measure),
    ("map", map::measure),
    ("server", server_load::measure),
];

/// Runs the benchmarks named in `only`, or all of them when it is empty.
pub fn bench(only: &[String]) -> Result<()> {
    let unknown: Vec<&String> = only
        .iter()
        .filter(|name| !BENCHMARKS.iter().any(|(n, _)| n == name))
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = BENCHMARKS.iter().map(|(n, _)| *n).collect();
        bail!("no benchmark named {unknown:?}; they are {known:?}");
    }
    tools::ensure_test_tools()?;
    dist::dist()?;
    let bench = Bench::new()?;
    let mut figures = Vec::new();
    for (name, measure) in BENCHMARKS {
        if only.is_empty() || only.contains(&(*name).to_owned()) {
            figures.extend(measure(&bench)?);
        }
    }
    print!("{}", report::table(&figures));
    let results = Results {
        measured_at: cmd::output(Command::new("date").args(["-u", "+%Y-%m-%dT%H:%M:%SZ"]))
            .unwrap_or_default(),
        commit: cmd::output(Command::new("git").args(["rev-parse", "--short", "HEAD"]))
            .unwrap_or_default(),
        machine: Machine::describe(),
        figures: &figures,
    };
    // Only a full run is the project's record; a partial one is kept apart.
    let path = if only.is_empty() {
        workspace::root().join("bench").join("results.json")
    } else {
        bench.out_dir.join("partial-results.json")
    };
    results.write(&path)?;
    println!("\nwrote {}", path.display());
    let missed = figures
        .iter()
        .filter(|f| f.meets_budget() == Some(false))
        .count();
    if missed > 0 {
        println!("{missed} budgets missed");
    }
    Ok(())
}

/// What every benchmark needs: the release server and a place for its browser scripts' output.
pub struct Bench {
    server: PathBuf,
    pub out_dir: PathBuf,
}

/// Credentials of the servers the bench starts (throw-away, on loopback).
pub const API_KEY: &str = "bench-api-key";
pub const ADMIN_TOKEN: &str = "bench-admin-token";

impl Bench {
    fn new() -> Result<Self> {
        let server = server::build(server::Profile::Release)?;
        let out_dir = workspace::root().join("target").join("bench");
        std::fs::create_dir_all(&out_dir)?;
        Ok(Self { server, out_dir })
    }

    /// A release server with a new database, serving dist/, for one benchmark.
    pub fn start_server(&self, name: &str, extra_args: &[&str]) -> Result<AppServer> {
        let log = self.out_dir.join(format!("{name}.server.log"));
        AppServer::start(&self.server, (API_KEY, ADMIN_TOKEN), extra_args, &log)
    }

    /// Runs one browser benchmark, `bench/<name>.bench.ts`, against `server` and reads back
    /// the figures it wrote as JSON.
    pub fn in_browser<T: DeserializeOwned>(&self, name: &str, server: &AppServer) -> Result<T> {
        let output = self.out_dir.join(format!("{name}.json"));
        let _ = std::fs::remove_file(&output);
        println!("\n==> {name}");
        cmd::run(
            Command::new(workspace::node_bin().join("playwright"))
                .args(["test", "--config", "bench/playwright.config.ts"])
                .arg(format!("{name}.bench.ts"))
                .current_dir(workspace::root())
                .env("REPORT311_BASE_URL", server.url())
                .env("REPORT311_API_KEY", API_KEY)
                .env("REPORT311_ADMIN_TOKEN", ADMIN_TOKEN)
                .env("REPORT311_DIST_DIR", workspace::dist_dir())
                .env("REPORT311_BENCH_OUTPUT", &output),
        )?;
        read_json(&output)
    }
}

pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("the benchmark wrote nothing at {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("reading {}", path.display()))
}
