//! The reference server for one test: a new database, the built app, and the power to stop it
//! and start it again on the same address (an outage, as a resident meets one).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::Setup;
use crate::driver::free_port;

const API_KEY: &str = "engines-api-key";
const ADMIN_TOKEN: &str = "engines-admin-token";

pub struct Server {
    child: Option<Child>,
    args: Vec<String>,
    binary: std::path::PathBuf,
    pub url: String,
    _data: tempfile::TempDir,
}

/// A request as the server lists it, with the extension that names its photos.
#[derive(Debug, Clone)]
pub struct FiledRequest {
    pub id: String,
    pub description: String,
    /// The `address_string` it was filed with (GeoReport v2 answers it as `address`).
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub photos: Vec<FiledPhoto>,
}

#[derive(Debug, Clone)]
pub struct FiledPhoto {
    pub width: u64,
    pub height: u64,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Server {
    pub fn start(setup: &Setup) -> Result<Self> {
        let data = tempfile::tempdir()?;
        let port = free_port()?;
        let path = |p: &Path| p.to_string_lossy().into_owned();
        let args = vec![
            "--listen".into(),
            format!("127.0.0.1:{port}"),
            "--data".into(),
            path(data.path()),
            "--app".into(),
            path(&setup.dist),
            "--api-key".into(),
            API_KEY.into(),
            "--admin-token".into(),
            ADMIN_TOKEN.into(),
        ];
        let mut args = args;
        args.extend(setup.demo_map.iter().cloned());
        let mut server = Server {
            child: None,
            args,
            binary: setup.server_binary.clone(),
            url: format!("http://127.0.0.1:{port}"),
            _data: data,
        };
        server.start_again()?;
        Ok(server)
    }

    /// The API key the server takes.
    pub fn api_key(&self) -> &'static str {
        API_KEY
    }

    /// The server goes away: connections are refused, as with no network at all.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The server comes back on the same address, with the same database.
    pub fn start_again(&mut self) -> Result<()> {
        self.stop();
        let child = Command::new(&self.binary)
            .args(&self.args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("starting the reference server")?;
        self.child = Some(child);
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if ureq::get(format!("{}/config.json", self.url))
                .call()
                .is_ok()
            {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        bail!(
            "the reference server did not answer on {} within 20 s",
            self.url
        )
    }

    /// Calls the server's admin API (faults, notes) with a JSON `body`.
    pub fn admin(&self, method: &str, path: &str, body: Option<Value>) -> Result<()> {
        let url = format!("{}/admin{path}", self.url);
        let bearer = format!("Bearer {ADMIN_TOKEN}");
        let answer = match (method, body) {
            ("DELETE", _) => ureq::delete(&url).header("Authorization", &bearer).call(),
            (_, body) => ureq::post(&url)
                .header("Authorization", &bearer)
                .send_json(body.unwrap_or(Value::Null)),
        };
        answer.with_context(|| format!("{method} {path}"))?;
        Ok(())
    }

    /// The pothole requests the server holds with exactly this description.
    /// Waits for the report with `description` to reach the server, then makes sure no
    /// second copy follows.
    pub async fn wait_for_one(&self, description: &str) -> Result<FiledRequest> {
        let started = Instant::now();
        loop {
            let found = self.requests_described(description)?;
            anyhow::ensure!(
                found.len() <= 1,
                "{} copies of {description:?}",
                found.len()
            );
            if found.len() == 1 {
                break;
            }
            anyhow::ensure!(
                started.elapsed().as_secs() < 60,
                "{description:?} did not reach the server within 60 s"
            );
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        // A retry in flight would land within seconds.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let mut found = self.requests_described(description)?;
        anyhow::ensure!(
            found.len() == 1,
            "{} copies of {description:?}",
            found.len()
        );
        Ok(found.remove(0))
    }

    pub fn requests_described(&self, description: &str) -> Result<Vec<FiledRequest>> {
        let listed: Value = ureq::get(format!("{}/open311/v2/requests.json", self.url))
            .query("service_code", "pothole_in_street")
            .query("extensions", "true")
            .call()?
            .body_mut()
            .read_json()?;
        let mut found = Vec::new();
        for request in listed.as_array().into_iter().flatten() {
            if request["description"].as_str() != Some(description) {
                continue;
            }
            let mut photos = Vec::new();
            for photo in request["extended_attributes"]["photos"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let url = photo["media_url"]
                    .as_str()
                    .context("a photo without media_url")?;
                let mut response = ureq::get(url).call()?;
                let content_type = response
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                photos.push(FiledPhoto {
                    width: photo["width"].as_u64().unwrap_or(0),
                    height: photo["height"].as_u64().unwrap_or(0),
                    content_type,
                    bytes: response
                        .body_mut()
                        .with_config()
                        .limit(20_000_000)
                        .read_to_vec()?,
                });
            }
            found.push(FiledRequest {
                id: request["service_request_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                description: description.to_owned(),
                address: request["address"].as_str().map(str::to_owned),
                lat: request["lat"].as_f64(),
                long: request["long"].as_f64(),
                photos,
            });
        }
        Ok(found)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}
