//! The release build of the app into dist/.

use std::process::Command;

use anyhow::Result;

use crate::{cmd, precache, workspace};

/// Builds the app in release with Trunk into dist/, then its service worker.
pub fn dist() -> Result<()> {
    println!("==> building the app (release) into dist/");
    cmd::run(
        Command::new("trunk")
            .args(["build", "--release"])
            .current_dir(workspace::root())
            .env("PATH", workspace::path_with_node_bin()),
    )?;
    precache::write_service_worker(
        &workspace::dist_dir(),
        &workspace::root().join("public").join("sw.js"),
    )
}
