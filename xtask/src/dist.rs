//! The release build of the app into dist/.

use std::process::Command;

use anyhow::Result;

use crate::{cmd, workspace};

/// Builds the app in release with Trunk into dist/.
pub fn dist() -> Result<()> {
    println!("==> building the app (release) into dist/");
    cmd::run(
        Command::new("trunk")
            .args(["build", "--release"])
            .current_dir(workspace::root())
            .env("PATH", workspace::path_with_node_bin()),
    )
}
