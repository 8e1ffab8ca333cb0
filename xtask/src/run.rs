//! `cargo xtask run`: the app and the reference server, for a newcomer or a demo; and the
//! check, run by `cargo xtask test`, that what it serves renders in a browser.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::server::{self, RunningServer};
use crate::tally::Tally;
use crate::{cmd, dist, tools, workspace};

/// Where a newcomer finds the app.
const LISTEN: &str = "127.0.0.1:8080";

pub fn run() -> Result<()> {
    tools::ensure_build_tools()?;
    dist::dist()?;
    let binary = server::build(server::Profile::Debug)?;
    let args = serve_args(LISTEN, &workspace::root().join("data"))?;
    println!("==> Report311 runs at http://{LISTEN} (Ctrl-C stops it)");
    cmd::run(Command::new(binary).args(args))
}

/// The server's arguments for serving the built app, the API, and the demo city's map tiles
/// and addresses.
fn serve_args(listen: &str, data: &Path) -> Result<Vec<OsString>> {
    let mut args: Vec<OsString> = vec![
        "--listen".into(),
        listen.into(),
        "--data".into(),
        data.into(),
        "--app".into(),
        workspace::dist_dir().into(),
    ];
    args.extend(
        crate::demo_map::ensure()?
            .server_args()
            .into_iter()
            .map(OsString::from),
    );
    Ok(args)
}

/// Serves dist/ as `run` does (on a free port, with a new database) and has headless Chromium
/// render the first screen. The page's static first screen is removed by the app as it mounts,
/// so the navigation without it means the wasm loaded and ran. (The end-to-end suite drives
/// the pages.)
pub fn check_served_app() -> Result<Tally> {
    let binary = server::build(server::Profile::Debug)?;
    let data = tempfile::tempdir().context("creating a database directory")?;
    let log = workspace::root().join("target").join("run-check.log");
    let server = RunningServer::start(&binary, serve_args("127.0.0.1:0", data.path())?, &log)?;
    let profile = tempfile::tempdir().context("creating a browser profile")?;
    let dom = cmd::output(
        Command::new(tools::CHROMIUM)
            .args(tools::CHROMIUM_FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(["--virtual-time-budget=15000", "--dump-dom", server.url()]),
    )
    .context("Chromium did not render the page")?;
    let expected = [
        r#"aria-label="Main""#,
        "Report a problem",
        "My reports",
        "Outbox",
    ];
    let missing: Vec<&str> = expected.into_iter().filter(|s| !dom.contains(s)).collect();
    if dom.contains(r#"id="first-screen""#) {
        bail!(
            "the app did not start: the static first screen is still there; see {}",
            log.display()
        );
    }
    if !missing.is_empty() {
        bail!(
            "the served app rendered without {missing:?}; see {}",
            log.display()
        );
    }
    println!("the app served as `cargo xtask run` serves it renders in Chromium");
    Ok(Tally {
        passed: 1,
        failed: 0,
    })
}
