//! Datetimes as servers write them: any text is read or refused, and what is read is
//! written in a form that reads back the same instant and offset.
#![no_main]

use libfuzzer_sys::fuzz_target;
use open311::Timestamp;

fuzz_target!(|text: &str| {
    if let Some(timestamp) = Timestamp::parse(text) {
        let again = Timestamp::parse(&timestamp.to_string());
        assert_eq!(again, Some(timestamp), "{text:?}");
        assert_eq!(again.unwrap().0.offset(), timestamp.0.offset(), "{text:?}");
    }
});
