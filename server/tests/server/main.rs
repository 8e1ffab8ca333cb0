//! End-to-end tests: the real binary on a free port with a temporary data directory,
//! spoken to over HTTP, its answers read with the model crate.

mod harness;

mod admin;
mod app;
mod create;
mod faults;
mod fill;
mod hostile;
mod lifecycle;
mod map;
mod media;
mod read;

use open311::{Answer, AttributeCode, Draft, Location, ServiceCode};

/// A pothole report that passes validation.
pub fn pothole(description: &str) -> Draft {
    let mut draft = Draft {
        service_code: ServiceCode::new("pothole_in_street"),
        location: Location {
            lat: Some(41.8800),
            long: Some(-87.6300),
            address_string: Some("121 N LaSalle St, Chicago, IL".into()),
            address_id: None,
        },
        description: Some(description.into()),
        ..Draft::default()
    };
    draft
        .attributes
        .insert(AttributeCode::new("WHEREIS"), Answer::Single("curb".into()));
    draft
}
