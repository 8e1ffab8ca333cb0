//! The limits every compressed photo obeys, whichever path produced it.

use serde::{Deserialize, Serialize};

/// How large a compressed photo may be, and how large a photo may be to start with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhotoLimits {
    /// The longest edge of the output, in pixels; smaller photos are never enlarged.
    pub max_long_edge: u32,
    /// The most bytes the output JPEG may have.
    pub target_bytes: usize,
    /// Photos with more pixels than this (in millions) are refused before they are decoded.
    pub max_megapixels: u32,
}

impl Default for PhotoLimits {
    fn default() -> Self {
        Self {
            max_long_edge: 1600,
            target_bytes: 300_000,
            max_megapixels: 40,
        }
    }
}
