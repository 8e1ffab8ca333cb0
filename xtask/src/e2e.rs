//! The Playwright suite against a release build served by the reference server.

use std::process::Command;

use anyhow::{Context, Result};

use crate::server::{self, RunningServer};
use crate::tally::{self, Tally};
use crate::{cmd, workspace};

/// Credentials of the throw-away server the suite talks to; the tests read them from the
/// environment to call the admin API.
const API_KEY: &str = "e2e-api-key";
const ADMIN_TOKEN: &str = "e2e-admin-token";
/// The page `csp.spec.ts` breaks the policy on, on purpose.
const POLICY_PROBE: &str = "/csp-probe";

/// Starts the server on a free loopback port with a fresh database, runs Playwright against
/// it and returns what Playwright counted.
pub fn run() -> Result<Tally> {
    let binary = server::build(server::Profile::Debug)?;
    let out_dir = workspace::root().join("target").join("e2e");
    std::fs::create_dir_all(&out_dir)?;
    let data = tempfile::tempdir().context("creating the test database directory")?;
    let data_dir = data.path().to_string_lossy().into_owned();
    let dist = workspace::dist_dir().to_string_lossy().into_owned();
    let log = out_dir.join("server.log");
    let server = RunningServer::start(
        &binary,
        &[
            "--listen",
            "127.0.0.1:0",
            "--data",
            &data_dir,
            "--app",
            &dist,
            "--api-key",
            API_KEY,
            "--admin-token",
            ADMIN_TOKEN,
        ],
        &log,
    )?;
    println!("reference server at {}", server.url());

    // Where playwright.config.ts has its JSON reporter write.
    let report = out_dir.join("results.json");
    let _ = std::fs::remove_file(&report);
    // Playwright's own exit status is not needed: its report says what failed.
    let _ = cmd::run(
        Command::new(workspace::node_bin().join("playwright"))
            .arg("test")
            .current_dir(workspace::root())
            .env("REPORT311_BASE_URL", server.url())
            .env("REPORT311_API_KEY", API_KEY)
            .env("REPORT311_ADMIN_TOKEN", ADMIN_TOKEN)
            .env("REPORT311_DATA_DIR", &data_dir)
            .env("REPORT311_DIST_DIR", &dist)
            .env("REPORT311_SERVER_LOG", &log),
    );
    let json = std::fs::read_to_string(&report)
        .with_context(|| format!("Playwright wrote no report at {}", report.display()))?;
    let mut counted = tally::parse_playwright_report(&json)?;
    counted.add(no_policy_violations(&log)?);
    Ok(counted)
}

/// What browsers reported to the server while the suite ran: any content security policy
/// violation fails the run, but for the one the policy's own test causes on purpose.
fn no_policy_violations(log: &std::path::Path) -> Result<Tally> {
    let text = std::fs::read_to_string(log)
        .with_context(|| format!("reading the server log {}", log.display()))?;
    let violations: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("content security policy violation"))
        .filter(|line| !line.contains(POLICY_PROBE))
        .collect();
    for line in &violations {
        println!("content security policy violation during the suite: {line}");
    }
    let clean = violations.is_empty();
    println!(
        "content security policy: {} violations reported",
        violations.len()
    );
    Ok(Tally {
        passed: u64::from(clean),
        failed: u64::from(!clean),
    })
}
