//! Building and starting the reference Open311 server.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::{cmd, workspace};

const LISTENING: &str = "open311-server listening on ";

/// How the server is compiled: tests share the debug build with the native tests; the bench
/// measures what a city would deploy.
#[derive(Debug, Clone, Copy)]
pub enum Profile {
    Debug,
    Release,
}

/// Builds the server and returns its path.
pub fn build(profile: Profile) -> Result<PathBuf> {
    let mut command = Command::new("cargo");
    command
        .args(["build", "--quiet", "--package", "open311-server"])
        .current_dir(workspace::root());
    let dir = match profile {
        Profile::Debug => "debug",
        Profile::Release => {
            command.arg("--release");
            "release"
        }
    };
    cmd::run(&mut command)?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace::root().join("target"), PathBuf::from);
    Ok(target.join(dir).join("open311-server"))
}

/// A server with a new database in a temporary directory, serving the built app in dist/
/// with the given credentials; stopped, and its database removed, when dropped.
pub struct AppServer {
    running: RunningServer,
    data: tempfile::TempDir,
}

impl AppServer {
    pub fn start(
        binary: &Path,
        (api_key, admin_token): (&str, &str),
        extra_args: &[&str],
        log: &Path,
    ) -> Result<Self> {
        let data = tempfile::tempdir().context("creating a database directory")?;
        let data_dir = data.path().to_string_lossy().into_owned();
        let dist = workspace::dist_dir().to_string_lossy().into_owned();
        let mut args = vec![
            "--listen",
            "127.0.0.1:0",
            "--data",
            &data_dir,
            "--app",
            &dist,
            "--api-key",
            api_key,
            "--admin-token",
            admin_token,
        ];
        args.extend_from_slice(extra_args);
        let running = RunningServer::start(binary, &args, log)?;
        Ok(Self { running, data })
    }

    pub fn url(&self) -> &str {
        self.running.url()
    }

    pub fn data_dir(&self) -> &Path {
        self.data.path()
    }
}

/// A server started for a test run; stopped when dropped.
pub struct RunningServer {
    child: Child,
    url: String,
}

impl RunningServer {
    /// Starts `binary` with `args` (which must include `--listen`), sending its log to `log`,
    /// and waits until it says where it listens.
    pub fn start<I>(binary: &Path, args: I, log: &Path) -> Result<Self>
    where
        I: IntoIterator,
        I::Item: AsRef<std::ffi::OsStr>,
    {
        let log_file = File::create(log).with_context(|| format!("creating {}", log.display()))?;
        let mut child = Command::new(binary)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(log_file.try_clone()?)
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let mut lines = BufReader::new(child.stdout.take().expect("stdout is piped")).lines();
        let url = loop {
            match lines.next() {
                Some(line) => {
                    if let Some(url) = line?.strip_prefix(LISTENING) {
                        break url.trim().to_owned();
                    }
                }
                None => {
                    let _ = child.wait();
                    bail!("the server exited before listening; see {}", log.display());
                }
            }
        };
        // Keep draining its standard output so it never blocks on a full pipe.
        let mut sink = log_file;
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let _ = writeln!(sink, "{line}");
            }
        });
        Ok(Self { child, url })
    }

    /// The server's base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
