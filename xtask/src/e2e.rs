//! The Playwright suite against a release build served by the reference server.

use std::process::Command;

use anyhow::{Context, Result};

use crate::server::{self, AppServer};
use crate::tally::{self, Tally};
use crate::{cmd, dist, tools, workspace};

/// Credentials of the throw-away server the suite talks to; the tests read them from the
/// environment to call the admin API.
const API_KEY: &str = "e2e-api-key";
const ADMIN_TOKEN: &str = "e2e-admin-token";
/// The page `csp.spec.ts` breaks the policy on, on purpose.
const POLICY_PROBE: &str = "/csp-probe";

/// Starts the server on a free loopback port with a fresh database, runs Playwright against
/// it (only the spec files in `only`, if any, with `env` added) and returns what Playwright
/// counted, with the checks of the server's log.
pub fn run(only: &[&str], env: &[(&str, &str)]) -> Result<Tally> {
    let binary = server::build(server::Profile::Debug)?;
    let out_dir = workspace::root().join("target").join("e2e");
    std::fs::create_dir_all(&out_dir)?;
    let log = out_dir.join("server.log");
    // The demo city's tiles and addresses, as `cargo xtask run` serves them.
    let demo_map = crate::demo_map::ensure()?.server_args();
    let demo_map: Vec<&str> = demo_map.iter().map(String::as_str).collect();
    let server = AppServer::start(&binary, (API_KEY, ADMIN_TOKEN), &demo_map, &log)?;
    let data_dir = server.data_dir().to_string_lossy().into_owned();
    let dist = workspace::dist_dir().to_string_lossy().into_owned();
    println!("reference server at {}", server.url());

    // Where playwright.config.ts has its JSON reporter write.
    let report = out_dir.join("results.json");
    let _ = std::fs::remove_file(&report);
    // Playwright's own exit status is not needed: its report says what failed.
    let _ = cmd::run(
        Command::new(workspace::node_bin().join("playwright"))
            .arg("test")
            .args(only)
            .envs(env.iter().copied())
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
    let log = std::fs::read_to_string(&log)
        .with_context(|| format!("reading the server log {}", log.display()))?;
    counted.add(check_log(
        "Content-Security-Policy violations",
        &policy_violations(&log),
    ));
    counted.add(check_log(
        "credentials in the server log or in URLs",
        &credentials_shown(&log),
    ));
    Ok(counted)
}

/// `cargo xtask e2e [SPEC...]`: the release build, then the end-to-end tests named (all
/// without a name), with the suite's checks of the server log.
pub fn only(specs: &[String]) -> Result<()> {
    tools::ensure_test_tools()?;
    dist::dist()?;
    let specs: Vec<&str> = specs.iter().map(String::as_str).collect();
    let counted = run(&specs, &[])?;
    println!("{}", counted.summary());
    if counted.failed > 0 {
        anyhow::bail!("{} end-to-end tests failed", counted.failed);
    }
    Ok(())
}

/// A check of the whole suite's server log, counted as one test: it fails on any `found` line.
fn check_log(what: &str, found: &[&str]) -> Tally {
    for line in found {
        println!("{what}: {line}");
    }
    println!("server log, {what}: {} found", found.len());
    let clean = found.is_empty();
    Tally {
        passed: u64::from(clean),
        failed: u64::from(!clean),
    }
}

/// Violations browsers reported while the suite ran, but for the one the policy's own test
/// causes on purpose.
fn policy_violations(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|line| line.contains("content security policy violation"))
        .filter(|line| !line.contains(POLICY_PROBE))
        .collect()
}

/// Lines showing the API key or the admin token, or where the server hid one: the app must
/// never put a credential in a URL, and the log must never show one.
fn credentials_shown(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|line| {
            line.contains(API_KEY) || line.contains(ADMIN_TOKEN) || line.contains("[redacted]")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_checks_find_what_they_look_for_and_nothing_else() {
        let log = format!(
            "INFO request method=GET path=\"/\" status=200\n\
             WARN content security policy violation report={{\"document-uri\":\"http://x/csp-probe\"}}\n\
             WARN content security policy violation report={{\"document-uri\":\"http://x/outbox\"}}\n\
             INFO request method=GET path=\"/open311/v2/requests.json\" query=\"api_key=[redacted]\"\n\
             INFO request method=POST path=\"/admin/faults\" query=\"t={ADMIN_TOKEN}\"\n"
        );
        assert_eq!(policy_violations(&log).len(), 1);
        assert!(policy_violations(&log)[0].contains("/outbox"));
        assert_eq!(credentials_shown(&log).len(), 2);
        assert!(
            policy_violations("INFO fine").is_empty() && credentials_shown("INFO fine").is_empty()
        );
    }
}
