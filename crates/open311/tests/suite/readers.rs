//! Every reader of the crate on the same bytes. Shared by the properties and by the fuzz
//! target `decode`, which includes this file; only panics matter.

use open311::{
    ApiError, Discovery, Format, RequestCreated, Service, ServiceDefinition, ServiceRequest,
    TokenAnswer, decode,
};

pub fn read_as_everything(format: Format, body: &[u8]) {
    let _ = decode::<Discovery>(format, body);
    let _ = decode::<Service>(format, body);
    let _ = decode::<ServiceDefinition>(format, body);
    let _ = decode::<ServiceRequest>(format, body);
    let _ = decode::<RequestCreated>(format, body);
    let _ = decode::<TokenAnswer>(format, body);
    let _ = decode::<ApiError>(format, body);
}
