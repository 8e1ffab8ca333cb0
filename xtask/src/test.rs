//! `cargo xtask test`: every check CI runs, stopping at the first broken stage.

use std::process::Command;
use std::time::Instant;

use anyhow::{Result, bail};

use crate::tally::{self, Tally};
use crate::{cmd, dist, e2e, engines, run, tools, workspace};

pub fn test() -> Result<()> {
    tools::ensure_test_tools()?;
    let mut total = Tally::default();
    let outcome = stages(&mut total);
    println!("{}", total.summary());
    outcome
}

fn stages(total: &mut Tally) -> Result<()> {
    stage("formatting", || {
        cmd::run(cargo().args(["fmt", "--all", "--check"]))
    })?;
    stage("clippy, native", || {
        cmd::run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    stage("clippy, wasm", || {
        cmd::run(cargo().args([
            "clippy",
            "--package",
            "report311",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    stage("native tests", || {
        // The engine tests need the built app and the drivers: they run last, below.
        libtest_suite(
            cargo().args(["test", "--workspace", "--exclude", "engine-tests"]),
            total,
        )
    })?;
    for (engine, driver_var, driver) in [
        ("Chromium", "CHROMEDRIVER", tools::CHROMEDRIVER),
        ("Firefox", "GECKODRIVER", "geckodriver"),
    ] {
        stage(
            &format!("browser tests (wasm-bindgen-test in headless {engine})"),
            || {
                libtest_suite(
                    cargo()
                        .args([
                            "test",
                            "--package",
                            "report311",
                            "--target",
                            "wasm32-unknown-unknown",
                            "--tests",
                        ])
                        .env(
                            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                            "wasm-bindgen-test-runner",
                        )
                        // The runner picks its browser by which of these is set.
                        .env_remove("CHROMEDRIVER")
                        .env_remove("GECKODRIVER")
                        .env_remove("SAFARIDRIVER")
                        .env(driver_var, driver)
                        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
                    total,
                )
            },
        )?;
    }
    stage("release build", dist::dist)?;
    stage(
        "the app as `cargo xtask run` serves it, in headless Chromium",
        || {
            let counted = run::check_served_app();
            total.add(counted.as_ref().map_or(
                Tally {
                    passed: 0,
                    failed: 1,
                },
                |t| *t,
            ));
            counted.map(|_| ())
        },
    )?;
    stage("end-to-end tests (Playwright in headless Chromium)", || {
        let counted = e2e::run(&[], &[])?;
        total.add(counted);
        if counted.failed > 0 {
            bail!("{} end-to-end tests failed", counted.failed);
        }
        Ok(())
    })?;
    stage(
        "the resident's path in Firefox ESR and WebKitGTK (WebDriver)",
        || {
            let (counted, ok) = engines::run()?;
            total.add(counted);
            if !ok {
                bail!("the engine tests failed");
            }
            Ok(())
        },
    )
}

fn cargo() -> Command {
    let mut command = Command::new("cargo");
    command.current_dir(workspace::root());
    command
}

/// Runs a libtest-based suite and adds what it counted, whether it passed or not.
fn libtest_suite(command: &mut Command, total: &mut Tally) -> Result<()> {
    let mut counted = Tally::default();
    let ok = cmd::run_echoing(command, |line| {
        if let Some(t) = tally::parse_libtest_line(line) {
            counted.add(t);
        }
    })?;
    total.add(counted);
    if !ok {
        bail!("{} failed", cmd::describe(command));
    }
    Ok(())
}

fn stage(name: &str, body: impl FnOnce() -> Result<()>) -> Result<()> {
    println!("\n==> {name}");
    let started = Instant::now();
    let outcome = body();
    let verdict = if outcome.is_ok() { "passed" } else { "FAILED" };
    println!("==> {name}: {verdict} in {:.1?}", started.elapsed());
    outcome
}
