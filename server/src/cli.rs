//! Command line: where to listen, where to keep data, and the credentials.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, ValueEnum};

use crate::random;

/// Deliberately not `Debug`: it holds the credentials given on the command line.
#[derive(Parser)]
#[command(
    name = "open311-server",
    version,
    about = "Reference Open311 GeoReport v2 server backed by SQLite"
)]
pub struct Cli {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Directory for the database and the uploaded photos (created if missing).
    #[arg(long, value_name = "DIR", default_value = "./data")]
    pub data: PathBuf,
    /// Directory of the built app to serve at `/`.
    #[arg(long, value_name = "DIST_DIR")]
    pub app: Option<PathBuf>,
    /// API key accepted on POST requests; repeat for several. One is generated if none is given.
    #[arg(long = "api-key", value_name = "KEY")]
    pub api_keys: Vec<String>,
    /// Bearer token for the /admin routes. One is generated if not given.
    #[arg(long, value_name = "TOKEN")]
    pub admin_token: Option<String>,
    /// What a POST of a request answers: a token to trade for the id later (as Chicago) or the id at once.
    #[arg(long, value_enum, default_value_t = Mode::Token)]
    pub mode: Mode,
    /// How long a token stays without an id in token mode.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub token_delay_ms: u64,
    /// Before serving, file generated requests until the database holds at least N: a city's
    /// volume for load tests.
    #[arg(long, value_name = "N")]
    pub fill_requests: Option<u64>,
    /// Serve raster map tiles from DIR (laid out as z/x/y.png, with a TileJSON `tiles.json`)
    /// at /tiles/, and point the served app's map at them.
    #[arg(long, value_name = "DIR")]
    pub tiles: Option<PathBuf>,
    /// Answer Nominatim's `search` and `reverse` at /geocoder/ from FILE (one
    /// `latitude,longitude,address` a line), and point the served app at it.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    Token,
    Realtime,
}

/// A credential: compared in constant time, redacted when formatted.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Self(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn matches(&self, candidate: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), candidate.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

pub struct Credentials {
    pub api_keys: Vec<Secret>,
    pub admin_token: Secret,
}

impl Credentials {
    pub fn accepts_api_key(&self, candidate: &str) -> bool {
        // Check every key so the time taken does not tell which one nearly matched.
        self.api_keys
            .iter()
            .fold(false, |found, key| key.matches(candidate) | found)
    }

    /// Every credential, for keeping them out of the logs.
    pub fn all(&self) -> impl Iterator<Item = &Secret> {
        self.api_keys.iter().chain([&self.admin_token])
    }

    /// The key handed to the served app so it can post without configuration.
    pub fn first_api_key(&self) -> &Secret {
        &self.api_keys[0]
    }
}

/// A credential made up because none was given; shown once so a newcomer can use it.
pub struct Generated {
    pub what: &'static str,
    pub flag: &'static str,
    pub value: Secret,
}

impl Cli {
    pub fn token_delay(&self) -> Duration {
        Duration::from_millis(self.token_delay_ms)
    }

    /// The credentials, generating those not given. Given ones are never reported back.
    pub fn credentials(&self) -> (Credentials, Vec<Generated>) {
        let mut generated = Vec::new();
        let mut api_keys: Vec<Secret> = self.api_keys.iter().cloned().map(Secret::new).collect();
        if api_keys.is_empty() {
            let key = Secret::new(random::hex(16));
            generated.push(Generated {
                what: "API key",
                flag: "--api-key",
                value: key.clone(),
            });
            api_keys.push(key);
        }
        let admin_token = match &self.admin_token {
            Some(token) => Secret::new(token.clone()),
            None => {
                let token = Secret::new(random::hex(24));
                generated.push(Generated {
                    what: "admin token",
                    flag: "--admin-token",
                    value: token.clone(),
                });
                token
            }
        };
        (
            Credentials {
                api_keys,
                admin_token,
            },
            generated,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_exactly_and_never_print() {
        let secret = Secret::new("abc123".into());
        assert!(secret.matches("abc123"));
        assert!(!secret.matches("abc124"));
        assert!(!secret.matches("abc1234"));
        assert!(!secret.matches(""));
        assert!(!format!("{secret:?}").contains("abc"));
    }

    #[test]
    fn missing_credentials_are_generated_and_given_ones_kept() {
        let cli = Cli::parse_from(["open311-server", "--api-key", "k1", "--api-key", "k2"]);
        let (credentials, generated) = cli.credentials();
        assert!(credentials.accepts_api_key("k2"));
        assert!(!credentials.accepts_api_key("k3"));
        assert_eq!(credentials.first_api_key().expose(), "k1");
        assert_eq!(generated.len(), 1);
        assert_eq!(generated[0].flag, "--admin-token");
        assert!(credentials.admin_token.matches(generated[0].value.expose()));
    }
}
