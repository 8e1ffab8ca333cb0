//! The release build of the app into dist/.

use std::process::Command;

use anyhow::Result;

use crate::{app_page, cmd, precache, start_script, workspace};

/// Builds the app in release with Trunk into dist/, gives the page its own start script in
/// place of Trunk's, then writes the page for routes other than `/` and the service worker
/// (which precaches all of them).
pub fn dist() -> Result<()> {
    println!("==> building the app (release) into dist/");
    cmd::run(
        Command::new("trunk")
            .args(["build", "--release"])
            .current_dir(workspace::root())
            .env("PATH", workspace::path_with_node_bin()),
    )?;
    start_script::write(&workspace::dist_dir())?;
    app_page::write(&workspace::dist_dir())?;
    precache::write_service_worker(
        &workspace::dist_dir(),
        &workspace::root().join("public").join("sw.js"),
    )
}
