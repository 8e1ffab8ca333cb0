//! Installs the tools the build and the tests need, each only when the pinned version is
//! not already there, so a warm run spends seconds here.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::{cmd, hash, workspace};

pub const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Headless Chromium on a machine without a display, sandbox or network beyond loopback.
pub const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const GECKODRIVER_VERSION: &str = "0.37.1";

/// Everything `dist` needs: the wasm target, Trunk, wasm-bindgen, wasm-opt and the crates.
pub fn ensure_build_tools() -> Result<()> {
    ensure_wasm_target()?;
    // Trunk builds with `cargo --offline`: the crates must be on disk before it runs.
    cmd::run(
        Command::new("cargo")
            .args(["fetch", "--quiet"])
            .current_dir(workspace::root()),
    )?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_npm_packages()
}

/// Everything `test` needs on top of the build tools: Chromium, Firefox ESR and WebKitGTK with
/// their drivers, and the virtual display WebKitGTK draws on.
pub fn ensure_test_tools() -> Result<()> {
    ensure_build_tools()?;
    ensure_chromium()?;
    ensure_other_engines()?;
    ensure_geckodriver()
}

fn ensure_wasm_target() -> Result<()> {
    let installed = cmd::output(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if installed.lines().any(|t| t == WASM_TARGET) {
        return Ok(());
    }
    installing(&format!("the Rust target {WASM_TARGET}"), || {
        cmd::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
    })
}

fn ensure_trunk() -> Result<()> {
    if version_of("trunk").as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    installing(&format!("Trunk {TRUNK_VERSION} (about 6 minutes)"), || {
        cmd::run(Command::new("cargo").args([
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
        ]))
    })
}

/// wasm-bindgen's CLI must match the library in Cargo.lock to the patch version, and Trunk
/// is told the same version; a mismatch is caught here before a confusing build error.
fn ensure_wasm_bindgen() -> Result<()> {
    let version = locked_wasm_bindgen()?;
    let pinned = trunk_pinned_wasm_bindgen()?;
    if pinned != version {
        bail!(
            "Trunk.toml pins wasm-bindgen {pinned} but Cargo.lock has {version}; make them equal"
        );
    }
    if version_of("wasm-bindgen").as_deref() == Some(&format!("wasm-bindgen {version}")) {
        return Ok(());
    }
    // Not --locked: one of the CLI's locked dependencies is no longer on the registry.
    installing(
        &format!("wasm-bindgen-cli {version} (about 2 minutes)"),
        || {
            cmd::run(Command::new("cargo").args([
                "install",
                "wasm-bindgen-cli",
                "--version",
                &version,
            ]))
        },
    )
}

/// npm packages (wasm-opt from binaryen, Playwright without its browser download), installed
/// from package-lock.json. A stamp of the lock file's content marks a finished install.
fn ensure_npm_packages() -> Result<()> {
    let root = workspace::root();
    let lock =
        std::fs::read(root.join("package-lock.json")).context("reading package-lock.json")?;
    let stamp_path = root.join("node_modules").join(".report311-installed");
    let stamp = format!("{:016x}", hash::fnv1a(&lock));
    if std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp) {
        return Ok(());
    }
    installing("npm packages (wasm-opt, Playwright)", || {
        cmd::run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(root)
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
        )?;
        std::fs::write(&stamp_path, &stamp).context("writing the npm install stamp")
    })
}

fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    installing("Chromium and ChromeDriver from Debian", || {
        cmd::run(Command::new("apt-get").args(["update", "-qq"]))?;
        cmd::run(
            Command::new("apt-get")
                .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    })
}

fn ensure_other_engines() -> Result<()> {
    if [
        "/usr/bin/firefox-esr",
        "/usr/bin/WebKitWebDriver",
        "/usr/bin/Xvfb",
    ]
    .iter()
    .all(|p| Path::new(p).exists())
    {
        return Ok(());
    }
    installing(
        "Firefox ESR, WebKitGTK's driver and Xvfb from Debian",
        || {
            cmd::run(Command::new("apt-get").args(["update", "-qq"]))?;
            cmd::run(
                Command::new("apt-get")
                    .args([
                        "install",
                        "-y",
                        "-qq",
                        "firefox-esr",
                        "webkit2gtk-driver",
                        "xvfb",
                    ])
                    .env("DEBIAN_FRONTEND", "noninteractive"),
            )
        },
    )
}

/// Mozilla's WebDriver server for Firefox, from crates.io.
fn ensure_geckodriver() -> Result<()> {
    if version_of("geckodriver")
        .is_some_and(|v| v.starts_with(&format!("geckodriver {GECKODRIVER_VERSION}")))
    {
        return Ok(());
    }
    installing(
        &format!("geckodriver {GECKODRIVER_VERSION} (several minutes)"),
        || {
            cmd::run(Command::new("cargo").args([
                "install",
                "geckodriver",
                "--version",
                GECKODRIVER_VERSION,
                "--locked",
            ]))
        },
    )
}

fn installing(what: &str, install: impl FnOnce() -> Result<()>) -> Result<()> {
    println!("==> installing {what}");
    let started = Instant::now();
    install().with_context(|| format!("installing {what}"))?;
    println!("==> installed {what} in {:.0?}", started.elapsed());
    Ok(())
}

fn version_of(program: &str) -> Option<String> {
    cmd::output(Command::new(program).arg("--version"))
}

/// The wasm-bindgen version that Cargo.lock resolved.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock: toml::Table = read_toml(&workspace::root().join("Cargo.lock"))?;
    lock.get("package")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .find(|p| p.get("name").and_then(toml::Value::as_str) == Some("wasm-bindgen"))
        .and_then(|p| p.get("version")?.as_str().map(str::to_owned))
        .context("Cargo.lock has no wasm-bindgen package")
}

/// The wasm-bindgen version pinned in Trunk.toml's `[tools]`.
pub fn trunk_pinned_wasm_bindgen() -> Result<String> {
    let trunk: toml::Table = read_toml(&workspace::root().join("Trunk.toml"))?;
    trunk
        .get("tools")
        .and_then(|t| t.get("wasm_bindgen")?.as_str().map(str::to_owned))
        .context("Trunk.toml has no [tools] wasm_bindgen")
}

fn read_toml(path: &Path) -> Result<toml::Table> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.parse()
        .with_context(|| format!("parsing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_pins_the_wasm_bindgen_in_cargo_lock() {
        assert_eq!(
            trunk_pinned_wasm_bindgen().unwrap(),
            locked_wasm_bindgen().unwrap()
        );
    }
}
