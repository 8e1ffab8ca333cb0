//! A WebDriver server of one engine, on a free port, stopped when dropped.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::Engine;

pub struct Driver {
    child: Child,
    pub url: String,
}

impl Driver {
    pub fn start(engine: Engine) -> Result<Self> {
        let port = free_port()?;
        let (program, args) = engine.driver(port);
        let child = Command::new(program)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {program}"))?;
        let url = format!("http://127.0.0.1:{port}");
        let driver = Driver { child, url };
        driver.wait_ready(program)?;
        Ok(driver)
    }

    fn wait_ready(&self, program: &str) -> Result<()> {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if ureq::get(format!("{}/status", self.url)).call().is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        bail!("{program} did not answer on {} within 20 s", self.url)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on now.
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
