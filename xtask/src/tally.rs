//! Counting tests across suites, from what each runner reports.

use anyhow::{Context, Result};
use serde::Deserialize;

/// Passed and failed tests summed over every suite that ran.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub passed: u64,
    pub failed: u64,
}

impl Tally {
    pub fn add(&mut self, other: Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
    }

    /// The closing line of a test run.
    pub fn summary(&self) -> String {
        format!("{} passed, {} failed", self.passed, self.failed)
    }
}

/// Reads libtest's closing line of one test binary, as printed by `cargo test` and by
/// wasm-bindgen-test-runner: `test result: ok. 3 passed; 0 failed; ...`.
pub fn parse_libtest_line(line: &str) -> Option<Tally> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let count = |label: &str| {
        rest.split(';').find_map(|part| {
            let part = part
                .trim()
                .trim_start_matches("ok. ")
                .trim_start_matches("FAILED. ");
            part.strip_suffix(label)?.trim().parse::<u64>().ok()
        })
    };
    Some(Tally {
        passed: count("passed")?,
        failed: count("failed")?,
    })
}

#[derive(Deserialize)]
struct PlaywrightReport {
    stats: PlaywrightStats,
}

#[derive(Deserialize)]
struct PlaywrightStats {
    expected: u64,
    unexpected: u64,
    flaky: u64,
}

/// Reads Playwright's JSON report. A flaky test failed at least once, so it counts as failed.
pub fn parse_playwright_report(json: &str) -> Result<Tally> {
    let report: PlaywrightReport =
        serde_json::from_str(json).context("reading Playwright's JSON report")?;
    Ok(Tally {
        passed: report.stats.expected,
        failed: report.stats.unexpected + report.stats.flaky,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_passing_libtest_line() {
        let line = "test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.31s";
        assert_eq!(
            parse_libtest_line(line),
            Some(Tally {
                passed: 12,
                failed: 0
            })
        );
    }

    #[test]
    fn reads_a_failing_libtest_line() {
        let line = "test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(
            parse_libtest_line(line),
            Some(Tally {
                passed: 3,
                failed: 2
            })
        );
    }

    #[test]
    fn ignores_other_lines() {
        assert_eq!(parse_libtest_line("test tally::tests::x ... ok"), None);
        assert_eq!(parse_libtest_line("running 3 tests"), None);
    }

    #[test]
    fn reads_playwright_stats() {
        let json = r#"{"config":{},"suites":[],"stats":{"startTime":"2026-01-01T00:00:00Z","duration":10.5,"expected":4,"skipped":1,"unexpected":1,"flaky":1}}"#;
        assert_eq!(
            parse_playwright_report(json).unwrap(),
            Tally {
                passed: 4,
                failed: 2
            }
        );
    }

    #[test]
    fn sums_suites() {
        let mut tally = Tally::default();
        tally.add(Tally {
            passed: 2,
            failed: 0,
        });
        tally.add(Tally {
            passed: 5,
            failed: 1,
        });
        assert_eq!(tally.summary(), "7 passed, 1 failed");
    }
}
