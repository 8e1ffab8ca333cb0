//! Why a photo could not be used, and the sentence the person reads about it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::header::Format;
use crate::user_message::UserMessage;

/// A photo the pipeline cannot turn into a JPEG within the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum PhotoError {
    /// The file has no bytes.
    #[error("the file is empty")]
    Empty,
    /// The file is not a still image; `detected` says what it is when that is known.
    #[error("the file is not an image ({detected:?})")]
    NotAnImage {
        /// What the file is instead (a PDF, a video), if recognised.
        detected: Option<Format>,
    },
    /// The file is an image in a format this browser cannot decode.
    #[error("{} images cannot be decoded here", format.name())]
    Unsupported {
        /// The image's format.
        format: Format,
    },
    /// The file claims to be an image but cannot be decoded: damaged or incomplete.
    #[error("the image is damaged or incomplete")]
    Corrupt,
    /// The photo has more pixels than the limit allows.
    #[error("the image has {megapixels} megapixels, over the limit")]
    TooLarge {
        /// Millions of pixels, rounded up.
        megapixels: u32,
    },
    /// The browser cannot run the compression (no worker, or the worker failed).
    #[error("photo compression is unavailable")]
    Unavailable,
    /// The compression stopped making progress.
    #[error("photo compression timed out")]
    TimedOut,
}

impl UserMessage for PhotoError {
    /// One sentence or two for the person who chose the photo: what happened and what to do.
    fn user_message(&self) -> String {
        const CHOOSE: &str = "Choose a photo (JPEG, PNG, WebP or GIF).";
        match self {
            Self::Empty => "This file is empty. Choose another photo.".to_owned(),
            Self::NotAnImage {
                detected: Some(format),
            } => format!("This file is a {}, not a photo. {CHOOSE}", format.name()),
            Self::NotAnImage { detected: None } => {
                format!("This file is not a photo the app can read. {CHOOSE}")
            }
            Self::Unsupported { format } => format!(
                "This photo is in {} format, which this browser cannot open. Choose a JPEG \
                 photo, or set the camera to save JPEG (\"Most Compatible\" on iPhone).",
                format.name()
            ),
            Self::Corrupt => "This photo could not be read: the file is damaged or incomplete. \
                              Choose another photo."
                .to_owned(),
            Self::TooLarge { megapixels } => format!(
                "This photo is too large ({megapixels} megapixels). Choose a smaller one or \
                 take it at a lower resolution."
            ),
            Self::Unavailable => {
                "This browser could not prepare the photo. Reload the page and try again."
                    .to_owned()
            }
            Self::TimedOut => {
                "Preparing this photo took too long. Try again, or choose a smaller photo."
                    .to_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_sentence_that_names_the_problem() {
        let cases = [
            (PhotoError::Empty, "empty"),
            (
                PhotoError::NotAnImage {
                    detected: Some(Format::Pdf),
                },
                "This file is a PDF, not a photo.",
            ),
            (
                PhotoError::NotAnImage {
                    detected: Some(Format::Video),
                },
                "a video, not a photo",
            ),
            (PhotoError::NotAnImage { detected: None }, "not a photo"),
            (
                PhotoError::Unsupported {
                    format: Format::Heif,
                },
                "This photo is in HEIC format, which this browser cannot open.",
            ),
            (PhotoError::Corrupt, "damaged or incomplete"),
            (
                PhotoError::TooLarge { megapixels: 50 },
                "This photo is too large (50 megapixels). Choose a smaller one or take it at a \
                 lower resolution.",
            ),
            (PhotoError::Unavailable, "Reload"),
            (PhotoError::TimedOut, "too long"),
        ];
        for (error, expected) in cases {
            let message = error.user_message();
            assert!(message.contains(expected), "{error:?}: {message}");
            assert!(message.ends_with('.'), "{error:?}: {message}");
        }
    }
}
