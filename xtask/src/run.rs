//! `cargo xtask run`: the app and the reference server, for a newcomer or a demo.

use std::process::Command;

use anyhow::Result;

use crate::{cmd, dist, server, tools, workspace};

pub fn run() -> Result<()> {
    tools::ensure_build_tools()?;
    dist::dist()?;
    let binary = server::build()?;
    let root = workspace::root();
    println!("==> Report311 runs at http://127.0.0.1:8080 (Ctrl-C stops it)");
    cmd::run(
        Command::new(binary)
            .args(["--listen", "127.0.0.1:8080", "--data"])
            .arg(root.join("data"))
            .arg("--app")
            .arg(workspace::dist_dir()),
    )
}
