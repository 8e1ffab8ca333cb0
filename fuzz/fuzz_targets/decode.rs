//! Every GeoReport reader, JSON and XML, on any bytes: an answer or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use open311::{
    ApiError, Discovery, Format, RequestCreated, Service, ServiceDefinition, ServiceRequest,
    TokenAnswer, decode,
};

fuzz_target!(|body: &[u8]| {
    for format in [Format::Json, Format::Xml] {
        let _ = decode::<Discovery>(format, body);
        let _ = decode::<Service>(format, body);
        let _ = decode::<ServiceDefinition>(format, body);
        let _ = decode::<ServiceRequest>(format, body);
        let _ = decode::<RequestCreated>(format, body);
        let _ = decode::<TokenAnswer>(format, body);
        let _ = decode::<ApiError>(format, body);
    }
});
