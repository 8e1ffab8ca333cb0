//! `photo_bench ENGINE OUTPUT`: the photo benchmark in Firefox or WebKit, its figures written
//! as JSON to OUTPUT. `cargo xtask bench photos` runs it for both, beside Chromium's.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use engine_tests::photo_bench::{self, PhotoBench};
use engine_tests::{Engine, Setup};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let engine = match args.next().as_deref() {
        Some("firefox") => Engine::Firefox,
        Some("webkit") => Engine::WebKit,
        other => bail!("usage: photo_bench firefox|webkit OUTPUT (not {other:?})"),
    };
    let output = PathBuf::from(args.next().context("usage: photo_bench ENGINE OUTPUT")?);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let bench = PhotoBench {
        setup: Setup::from_env()?,
        bic_dist: root.join("node_modules/browser-image-compression/dist"),
        page_script: root.join("bench/compressors.page.js"),
        out_dir: output.parent().context("OUTPUT has no folder")?.to_owned(),
    };
    let figures = photo_bench::measure(engine, &bench).await?;
    std::fs::write(&output, serde_json::to_string_pretty(&figures)?)?;
    Ok(())
}
