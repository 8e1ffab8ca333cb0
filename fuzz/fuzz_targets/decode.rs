//! Every GeoReport reader, JSON and XML, on any bytes: an answer or an error, never a panic.
#![no_main]

#[path = "../../crates/open311/tests/suite/readers.rs"]
mod readers;

use libfuzzer_sys::fuzz_target;
use open311::Format;

fuzz_target!(|body: &[u8]| {
    for format in [Format::Json, Format::Xml] {
        readers::read_as_everything(format, body);
    }
});
