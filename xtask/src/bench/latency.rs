//! Response times of one kind of query, summed up as the median and the 99th percentile.

use std::time::Duration;

use super::figure::{Figure, Unit};

#[derive(Debug, Default)]
pub struct Latencies {
    took: Vec<Duration>,
    results: usize,
}

impl Latencies {
    /// One answer: how long it took and how many requests it held.
    pub fn record(&mut self, took: Duration, results: usize) {
        self.took.push(took);
        self.results += results;
    }

    /// The time under which `percent` of the answers came (nearest rank).
    pub fn percentile(&self, percent: f64) -> Duration {
        let mut sorted = self.took.clone();
        sorted.sort_unstable();
        let rank = (percent / 100.0 * sorted.len() as f64).ceil() as usize;
        sorted
            .get(rank.clamp(1, sorted.len().max(1)) - 1)
            .copied()
            .unwrap_or_default()
    }

    pub fn mean_results(&self) -> f64 {
        self.results as f64 / self.took.len().max(1) as f64
    }

    /// Adds the answers of another client.
    pub fn merge(&mut self, other: Latencies) {
        self.took.extend(other.took);
        self.results += other.results;
    }

    pub fn len(&self) -> usize {
        self.took.len()
    }

    /// p50 and p99, in milliseconds.
    pub fn figures(&self, section: &'static str, what: &str) -> [Figure; 2] {
        let ms = |percent| self.percentile(percent).as_secs_f64() * 1000.0;
        let samples = self.len();
        [
            Figure::new(
                section,
                format!("{what}: p50 of {samples}"),
                ms(50.0),
                Unit::Milliseconds,
            ),
            Figure::new(
                section,
                format!("{what}: p99 of {samples}"),
                ms(99.0),
                Unit::Milliseconds,
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut latencies = Latencies::default();
        for ms in (1..=100).rev() {
            latencies.record(Duration::from_millis(ms), 2);
        }
        assert_eq!(latencies.percentile(50.0), Duration::from_millis(50));
        assert_eq!(latencies.percentile(99.0), Duration::from_millis(99));
        assert_eq!(latencies.percentile(100.0), Duration::from_millis(100));
        assert_eq!(latencies.mean_results(), 2.0);
        let mut other = Latencies::default();
        other.record(Duration::from_millis(500), 0);
        latencies.merge(other);
        assert_eq!(latencies.len(), 101);
        assert_eq!(latencies.percentile(100.0), Duration::from_millis(500));
    }

    #[test]
    fn no_samples_is_zero_not_a_panic() {
        let latencies = Latencies::default();
        assert_eq!(latencies.percentile(99.0), Duration::ZERO);
        assert_eq!(latencies.mean_results(), 0.0);
    }
}
