//! Where things are in the repository.

use std::path::{Path, PathBuf};

/// The repository root (the app's package).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the root")
}

/// The built app, as the server serves it.
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// Binaries installed by npm (wasm-opt, playwright).
pub fn node_bin() -> PathBuf {
    root().join("node_modules").join(".bin")
}

/// PATH with the npm binaries first, so Trunk finds the pinned wasm-opt.
pub fn path_with_node_bin() -> std::ffi::OsString {
    let mut paths = vec![node_bin()];
    if let Some(existing) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&existing));
    }
    std::env::join_paths(paths).expect("PATH entries contain no separator")
}
