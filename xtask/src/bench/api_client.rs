//! The reference server's GeoReport API as a client with one keep-alive connection speaks
//! to it, timing each answer from the request sent to the last byte read.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use open311::{Draft, FORM_CONTENT_TYPE, Format, RequestCreated, ServiceRequest, encode_form};

use super::API_KEY;

pub struct ApiClient {
    agent: ureq::Agent,
    api: String,
}

/// An answer and how long it took.
pub struct Timed<T> {
    pub took: Duration,
    pub value: T,
}

impl ApiClient {
    pub fn new(server_url: &str) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Self {
            agent,
            api: format!("{server_url}/open311/v2"),
        }
    }

    /// `requests.json?{query}`.
    pub fn list(&self, query: &str) -> Result<Timed<Vec<ServiceRequest>>> {
        let url = format!("{}/requests.json?{query}", self.api);
        let started = Instant::now();
        let mut response = self.agent.get(&url).call().context("GET requests.json")?;
        let status = response.status();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_vec()?;
        let took = started.elapsed();
        if !status.is_success() {
            bail!("GET {url}: {status} {}", String::from_utf8_lossy(&body));
        }
        let value = open311::decode(Format::Json, &body).with_context(|| format!("GET {url}"))?;
        Ok(Timed { took, value })
    }

    /// Files `draft` as the app does: a form with the API key and an `Idempotency-Key`.
    pub fn file(&self, draft: &Draft, idempotency_key: &str) -> Result<Timed<RequestCreated>> {
        let form = encode_form(draft, Some(API_KEY));
        let started = Instant::now();
        let mut response = self
            .agent
            .post(format!("{}/requests.json", self.api))
            .header("Content-Type", FORM_CONTENT_TYPE)
            .header("Idempotency-Key", idempotency_key)
            .send(form)
            .context("POST requests.json")?;
        let status = response.status();
        let body = response.body_mut().read_to_vec()?;
        let took = started.elapsed();
        if !status.is_success() {
            bail!(
                "POST requests.json: {status} {}",
                String::from_utf8_lossy(&body)
            );
        }
        let mut created: Vec<RequestCreated> =
            open311::decode(Format::Json, &body).context("POST requests.json")?;
        let value = created
            .pop()
            .context("POST requests.json answered no request")?;
        Ok(Timed { took, value })
    }
}
