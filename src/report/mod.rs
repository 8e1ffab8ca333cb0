//! Writing a report, without the screens: the questions a service's definition asks, what the
//! form holds turned into the request the city will receive (and back), what validation found
//! placed on the form, the review's lines, and finding a service by what people call it.

pub mod problems;
pub mod questions;
pub mod request;
pub mod review;
pub mod search;
