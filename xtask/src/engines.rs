//! The resident's path in Firefox and WebKit (the `engine-tests` crate, through WebDriver),
//! with the X display WebKitGTK needs started here when there is none.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::tally::{self, Tally};
use crate::{cmd, server, workspace};

/// `cargo xtask engines`: the tools, a release build of the app, and the engine tests alone.
pub fn only() -> Result<()> {
    crate::tools::ensure_test_tools()?;
    crate::dist::dist()?;
    let (counted, ok) = run()?;
    println!("{}", counted.summary());
    if !ok {
        bail!("the engine tests failed");
    }
    Ok(())
}

/// Runs the engine tests against the built app; what they counted, whether they passed or not.
pub fn run() -> Result<(Tally, bool)> {
    let binary = server::build(server::Profile::Debug)?;
    let display = Display::for_webkit()?;
    let demo_map = crate::demo_map::ensure()?;
    let mut counted = Tally::default();
    let ok = cmd::run_echoing(
        Command::new("cargo")
            .args([
                "test",
                "--package",
                "engine-tests",
                "--",
                "--test-threads=1",
            ])
            .current_dir(workspace::root())
            .env("REPORT311_SERVER_BINARY", &binary)
            .env("REPORT311_DIST", workspace::dist_dir())
            .env("REPORT311_TILES", &demo_map.tiles)
            .env("REPORT311_GAZETTEER", &demo_map.gazetteer)
            .env("DISPLAY", display.name()),
        |line| {
            if let Some(t) = tally::parse_libtest_line(line) {
                counted.add(t);
            }
        },
    )?;
    Ok((counted, ok))
}

/// The X display WebKitGTK draws on.
pub enum Display {
    Given(String),
    /// A virtual one, stopped when dropped.
    Started {
        server: Child,
        name: String,
    },
}

impl Display {
    /// The one in `DISPLAY`, or a virtual one started here when there is none.
    pub fn for_webkit() -> Result<Self> {
        match std::env::var("DISPLAY") {
            Ok(display) if !display.is_empty() => Ok(Display::Given(display)),
            _ => Display::start(),
        }
    }

    /// Starts Xvfb on the first free display; it writes the number it took.
    fn start() -> Result<Self> {
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x1024x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting Xvfb")?;
        let mut line = String::new();
        BufReader::new(server.stdout.take().context("Xvfb's output")?).read_line(&mut line)?;
        let number = line.trim();
        if number.is_empty() {
            let _ = server.kill();
            bail!("Xvfb did not say which display it took");
        }
        Ok(Display::Started {
            name: format!(":{number}"),
            server,
        })
    }

    pub fn name(&self) -> &str {
        match self {
            Display::Given(name) | Display::Started { name, .. } => name,
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Display::Started { server, .. } = self {
            let _ = server.kill();
            let _ = server.wait();
        }
    }
}
