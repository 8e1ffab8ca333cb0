//! Duplicate avoidance: before a report is filed, the open requests of the same service around
//! the chosen place, so the person can follow one of them instead of filing it again.
//!
//! One path for every server: the app always asks with the `lat`/`long`/`radius` extension and
//! always filters on the device, so a server without the extension (which ignores the
//! parameters and answers its recent requests) gives the same list. What was fetched for an
//! area is kept, so the check still answers offline where it answered before.

pub mod age;
pub mod area;
pub mod distance;
pub mod error;
#[cfg(test)]
mod fixtures;
mod kept_areas;
pub mod lookup;
pub mod offered;
pub mod radius;

pub use area::{AreaFetch, AreaHistory};
pub use error::NearbyError;
pub use lookup::{Findings, look_up};
pub use offered::NearbyRequest;
pub use radius::Radius;
