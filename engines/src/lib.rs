//! The resident's path in the engines Playwright cannot drive here: Firefox (Debian's Firefox
//! ESR, through geckodriver) and WebKit (WebKitGTK, Safari's engine, through WebKitWebDriver),
//! with the real reference server over HTTP.
//!
//! `cargo xtask test` runs these once the app is built; it starts the X display both engines draw on and
//! tells where the server and the app are (see [`Setup`]). Controls are found as a person
//! finds them: by their role and accessible name, as the engine computes them.

mod driver;
mod engine;
mod page;
pub mod photo_bench;
mod server;
mod static_files;

pub use engine::Engine;
pub use page::Page;
pub use server::{FiledPhoto, FiledRequest, Server};

use std::path::PathBuf;

use anyhow::{Context, Result};

/// Where the server binary, the built app and the test photos are, as `cargo xtask test` says.
#[derive(Debug, Clone)]
pub struct Setup {
    pub server_binary: PathBuf,
    pub dist: PathBuf,
    pub photos: PathBuf,
    /// The server arguments that serve the demo city's tiles and gazetteer
    /// (`REPORT311_TILES`, `REPORT311_GAZETTEER`), when given.
    pub demo_map: Vec<String>,
}

impl Setup {
    /// Read from `REPORT311_SERVER_BINARY` and `REPORT311_DIST`; the photos are the shared
    /// fixtures beside the checkout.
    pub fn from_env() -> Result<Self> {
        let var = |name: &str| {
            std::env::var_os(name)
                .map(PathBuf::from)
                .with_context(|| format!("{name} is not set: run these with `cargo xtask test`"))
        };
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        Ok(Setup {
            server_binary: var("REPORT311_SERVER_BINARY")?,
            dist: var("REPORT311_DIST")?,
            photos: root.join("../shared/fixtures/photos").canonicalize()?,
            demo_map: [
                ("--tiles", "REPORT311_TILES"),
                ("--gazetteer", "REPORT311_GAZETTEER"),
            ]
            .into_iter()
            .filter_map(|(flag, name)| Some([flag.to_owned(), std::env::var(name).ok()?]))
            .flatten()
            .collect(),
        })
    }

    /// A fixture photo by name, as the absolute path a file input needs.
    pub fn photo(&self, name: &str) -> String {
        self.photos.join(name).to_string_lossy().into_owned()
    }

    /// A photo of this crate's own fixtures (formats the shared ones lack), as an absolute
    /// path.
    pub fn own_photo(name: &str) -> String {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name)
            .to_string_lossy()
            .into_owned()
    }
}
