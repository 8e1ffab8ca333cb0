//! Asking the city's geocoder, over the network.

use super::nominatim::{self, Address, AnswerError};
use crate::client::{ClientError, http};
use crate::geography::Point;
use crate::user_message::UserMessage;

/// Why the geocoder gave nothing to show.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    #[error("{0}")]
    Client(#[from] ClientError),
    #[error("the geocoder answered {0}")]
    Status(u16),
    #[error("{0}")]
    Answer(#[from] AnswerError),
}

impl UserMessage for LookupError {
    fn user_message(&self) -> String {
        match self {
            LookupError::Client(ClientError::Network(_)) => {
                "Addresses cannot be looked up without a connection; type the address in full."
                    .to_owned()
            }
            _ => "Addresses cannot be looked up right now; type the address in full.".to_owned(),
        }
    }
}

async fn ask(url: &str) -> Result<Vec<u8>, LookupError> {
    let answer = http::get(url, &[("Accept", "application/json")]).await?;
    if answer.status != 200 {
        return Err(LookupError::Status(answer.status));
    }
    Ok(answer.body)
}

/// The addresses that match what the person typed.
pub async fn search(geocoder: &str, typed: &str) -> Result<Vec<Address>, LookupError> {
    let body = ask(&nominatim::search_url(geocoder, typed)).await?;
    Ok(nominatim::read_search(&body)?)
}

/// The address nearest to `point`, if the geocoder knows one there.
pub async fn nearest(geocoder: &str, point: Point) -> Result<Option<Address>, LookupError> {
    let body = ask(&nominatim::reverse_url(geocoder, point)).await?;
    Ok(nominatim::read_reverse(&body)?)
}
