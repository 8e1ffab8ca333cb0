//! How far along a photo is, for a progress bar and a word beside it.

use serde::{Deserialize, Serialize};

/// What the pipeline is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    /// Reading the file's header.
    Reading,
    /// Decoding, orienting and resizing.
    Decoding,
    /// Encoding the JPEG (again, if the previous attempt was over the byte target).
    Encoding,
}

/// A stage and the fraction of the whole job done when it started, from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The stage just started.
    pub stage: Stage,
    /// Fraction of the work done, 0 to 1.
    pub fraction: f32,
}

impl Progress {
    /// Reading has started.
    pub fn reading() -> Self {
        Self {
            stage: Stage::Reading,
            fraction: 0.0,
        }
    }

    /// Decoding has started: reading the header is quick.
    pub fn decoding() -> Self {
        Self {
            stage: Stage::Decoding,
            fraction: 0.05,
        }
    }

    /// Encoding attempt `attempt` (from 0) has started. Decoding is most of the work; each
    /// further attempt, rarer than the one before, halves what is left.
    pub fn encoding(attempt: usize) -> Self {
        let halvings = i32::try_from(attempt).unwrap_or(i32::MAX);
        Self {
            stage: Stage::Encoding,
            fraction: 1.0 - 0.4 * 0.5f32.powi(halvings),
        }
    }
}
