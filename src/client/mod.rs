//! Talking to the city's Open311 server: addresses, HTTP, and the catalogue of services.

pub mod answer;
pub mod endpoints;
pub mod error;
pub mod http;
pub mod limited_body;
pub mod retry_after;
pub mod services;

pub use answer::HttpAnswer;
pub use endpoints::Endpoints;
pub use error::ClientError;
