//! Fault injection for the API, so the app's retries, backoff and outbox can be tested
//! against the failures real city servers show: slowness, 5xx, rate limits, answers that
//! trickle in, and answers lost after the request was stored.

use std::convert::Infallible;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::api::error::{Error, Failure};
use crate::api::respond::format_of_path;

const RATE_WINDOW: Duration = Duration::from_secs(60);

/// What to inject; the default injects nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultConfig {
    /// Delay before every API request is handled.
    pub latency_ms: u64,
    /// Fraction of API requests answered 500 or 503 before anything is done.
    pub error_rate: f64,
    /// Fraction of POSTs that are stored and then get no answer at all.
    pub drop_response_rate: f64,
    /// API requests allowed per minute before 429.
    pub rate_limit_per_minute: Option<u32>,
    /// Answers' bodies trickle out at this many bytes a second (a fraction for less than
    /// one), after their headers.
    pub drip_bytes_per_second: Option<f64>,
    /// Every report filed is refused with 400 and this sentence, as a city refuses one it
    /// cannot take (an address outside its limits, say), however valid the form.
    pub refusal: Option<String>,
}

impl FaultConfig {
    pub fn problems(&self) -> Vec<String> {
        [
            ("error_rate", self.error_rate),
            ("drop_response_rate", self.drop_response_rate),
        ]
        .into_iter()
        .filter(|(_, rate)| !(0.0..=1.0).contains(rate))
        .map(|(name, _)| format!("{name} must be between 0 and 1"))
        .chain(
            self.drip_bytes_per_second
                .filter(|rate| !(rate.is_finite() && *rate > 0.0))
                .map(|_| "drip_bytes_per_second must be more than 0".to_owned()),
        )
        .collect()
    }
}

/// How a dripped body is cut: a piece, then a pause, and so on.
#[derive(Debug, PartialEq, Eq)]
struct Drip {
    piece: usize,
    pause: Duration,
}

impl Drip {
    /// Ten pieces a second, or one byte at a time below ten bytes a second.
    fn at(bytes_per_second: f64) -> Self {
        let piece = (bytes_per_second / 10.0).floor().max(1.0);
        Drip {
            piece: piece as usize,
            pause: Duration::from_secs_f64(piece / bytes_per_second),
        }
    }

    /// The answer with its headers now and its body at the drip's pace.
    async fn apply(&self, response: Response) -> Response {
        let (mut parts, body) = response.into_parts();
        // The API's own answers are whole in memory, so reading them cannot fail or grow.
        let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        parts.headers.remove(header::CONTENT_LENGTH);
        let pause = self.pause;
        let pieces: Vec<Bytes> = (0..bytes.len())
            .step_by(self.piece)
            .map(|start| bytes.slice(start..bytes.len().min(start + self.piece)))
            .collect();
        let stream = futures_util::stream::iter(pieces).then(move |piece| async move {
            tokio::time::sleep(pause).await;
            Ok::<_, Infallible>(piece)
        });
        Response::from_parts(parts, Body::from_stream(stream))
    }
}

/// What happens to one API request.
#[derive(Debug, PartialEq, Eq)]
pub struct Plan {
    /// Refused with 429; retry after this many seconds.
    pub rate_limited: Option<u64>,
    pub latency: Duration,
    /// Answered with this status without being handled.
    pub error: Option<StatusCode>,
    /// Handled, and the answer's body sent slowly.
    drip: Option<Drip>,
}

/// A fixed one-minute window, as the rate limits of Boston and Austin behave.
#[derive(Debug, Default)]
struct RateWindow {
    started: Option<Instant>,
    count: u32,
}

impl RateWindow {
    /// Counts one request; beyond `limit` in the window, the seconds until it ends.
    fn admit(&mut self, now: Instant, limit: u32) -> Result<(), u64> {
        let started = match self.started {
            Some(started) if now.duration_since(started) < RATE_WINDOW => started,
            _ => {
                self.count = 0;
                *self.started.insert(now)
            }
        };
        self.count = self.count.saturating_add(1);
        if self.count <= limit {
            return Ok(());
        }
        let remaining = RATE_WINDOW.saturating_sub(now.duration_since(started));
        Err(remaining.as_secs_f64().ceil().max(1.0) as u64)
    }
}

fn plan(config: &FaultConfig, window: &mut RateWindow, now: Instant, rng: &mut impl Rng) -> Plan {
    let rate_limited = config
        .rate_limit_per_minute
        .and_then(|limit| window.admit(now, limit).err());
    let error = (rng.random::<f64>() < config.error_rate).then(|| {
        if rng.random_bool(0.5) {
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            StatusCode::SERVICE_UNAVAILABLE
        }
    });
    Plan {
        rate_limited,
        latency: Duration::from_millis(config.latency_ms),
        error,
        drip: config.drip_bytes_per_second.map(Drip::at),
    }
}

#[derive(Default)]
struct FaultState {
    config: FaultConfig,
    window: RateWindow,
}

#[derive(Default)]
pub struct Faults {
    state: Mutex<FaultState>,
}

impl Faults {
    fn lock(&self) -> MutexGuard<'_, FaultState> {
        // Nothing in the state can be left half-updated, so a poisoned lock is still usable.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Replaces the configuration and starts a fresh rate window.
    pub fn set(&self, config: FaultConfig) {
        *self.lock() = FaultState {
            config,
            window: RateWindow::default(),
        };
    }

    pub fn config(&self) -> FaultConfig {
        self.lock().config.clone()
    }

    pub fn plan(&self, now: Instant) -> Plan {
        let mut state = self.lock();
        let FaultState { config, window } = &mut *state;
        plan(config, window, now, &mut rand::rng())
    }

    /// The sentence every report filed is refused with, if reports are being refused.
    pub fn refusal(&self) -> Option<String> {
        self.lock().config.refusal.clone()
    }

    /// Whether the answer to a POST that was just stored should be lost.
    pub fn drop_response(&self) -> bool {
        let rate = self.lock().config.drop_response_rate;
        rand::rng().random::<f64>() < rate
    }
}

pub async fn inject(State(faults): State<Arc<Faults>>, request: Request, next: Next) -> Response {
    let plan = faults.plan(Instant::now());
    let format = format_of_path(request.uri().path());
    if let Some(seconds) = plan.rate_limited {
        return Failure::new(format, Error::RateLimited(seconds)).into_response();
    }
    if !plan.latency.is_zero() {
        tokio::time::sleep(plan.latency).await;
    }
    if let Some(status) = plan.error {
        return Failure::new(format, Error::Injected(status)).into_response();
    }
    let response = next.run(request).await;
    match &plan.drip {
        Some(drip) => drip.apply(response).await,
        None => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn rng() -> StdRng {
        StdRng::seed_from_u64(311)
    }

    #[test]
    fn no_faults_by_default() {
        let (mut window, now) = (RateWindow::default(), Instant::now());
        for _ in 0..1000 {
            let p = plan(&FaultConfig::default(), &mut window, now, &mut rng());
            assert_eq!(
                p,
                Plan {
                    rate_limited: None,
                    latency: Duration::ZERO,
                    error: None,
                    drip: None,
                }
            );
        }
    }

    #[test]
    fn error_rate_is_a_fraction_of_500s_and_503s() {
        let config = FaultConfig {
            error_rate: 0.25,
            ..FaultConfig::default()
        };
        let (mut window, mut rng, now) = (RateWindow::default(), rng(), Instant::now());
        let errors: Vec<_> = (0..4000)
            .filter_map(|_| plan(&config, &mut window, now, &mut rng).error)
            .collect();
        assert!((800..1200).contains(&errors.len()), "{}", errors.len());
        assert!(errors.contains(&StatusCode::INTERNAL_SERVER_ERROR));
        assert!(errors.contains(&StatusCode::SERVICE_UNAVAILABLE));
        let always = FaultConfig {
            error_rate: 1.0,
            ..FaultConfig::default()
        };
        assert!((0..1000).all(|_| plan(&always, &mut window, now, &mut rng).error.is_some()));
    }

    #[test]
    fn rate_limit_counts_a_minute_and_says_when_to_retry() {
        let config = FaultConfig {
            rate_limit_per_minute: Some(3),
            ..FaultConfig::default()
        };
        let (mut window, mut rng, start) = (RateWindow::default(), rng(), Instant::now());
        let at = |s: u64| start + Duration::from_secs(s);
        for s in 0..3 {
            assert_eq!(
                plan(&config, &mut window, at(s), &mut rng).rate_limited,
                None
            );
        }
        assert_eq!(
            plan(&config, &mut window, at(20), &mut rng).rate_limited,
            Some(40)
        );
        assert_eq!(
            plan(
                &config,
                &mut window,
                start + Duration::from_millis(59_500),
                &mut rng
            )
            .rate_limited,
            Some(1)
        );
        assert_eq!(
            plan(&config, &mut window, at(60), &mut rng).rate_limited,
            None
        );
    }

    #[test]
    fn rates_outside_zero_to_one_are_refused() {
        let config = FaultConfig {
            error_rate: 1.5,
            drop_response_rate: -0.1,
            ..FaultConfig::default()
        };
        assert_eq!(config.problems().len(), 2);
        assert!(
            FaultConfig {
                error_rate: 1.0,
                ..FaultConfig::default()
            }
            .problems()
            .is_empty()
        );
    }

    #[test]
    fn a_drip_sends_tenths_of_its_rate_or_single_bytes() {
        assert_eq!(
            Drip::at(200.0),
            Drip {
                piece: 20,
                pause: Duration::from_millis(100)
            }
        );
        assert_eq!(
            Drip::at(0.5),
            Drip {
                piece: 1,
                pause: Duration::from_secs(2)
            }
        );
        for rate in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let config = FaultConfig {
                drip_bytes_per_second: Some(rate),
                ..FaultConfig::default()
            };
            assert_eq!(
                config.problems(),
                ["drip_bytes_per_second must be more than 0"]
            );
        }
    }

    #[test]
    fn drop_rate_extremes() {
        let faults = Faults::default();
        assert!(!(0..100).any(|_| faults.drop_response()));
        faults.set(FaultConfig {
            drop_response_rate: 1.0,
            ..FaultConfig::default()
        });
        assert!((0..100).all(|_| faults.drop_response()));
    }
}
