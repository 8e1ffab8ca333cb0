//! The release build of the app into dist/.

use std::process::Command;

use anyhow::Result;

use crate::{app_page, cmd, precache, workspace};

/// Builds the app in release with Trunk into dist/, then the page for routes other than `/`
/// and the service worker (which precaches both).
pub fn dist() -> Result<()> {
    println!("==> building the app (release) into dist/");
    cmd::run(
        Command::new("trunk")
            .args(["build", "--release"])
            .current_dir(workspace::root())
            .env("PATH", workspace::path_with_node_bin()),
    )?;
    app_page::write(&workspace::dist_dir())?;
    precache::write_service_worker(
        &workspace::dist_dir(),
        &workspace::root().join("public").join("sw.js"),
    )
}
