//! Form bodies: any text decodes to a submission or an error, a decoded submission passes
//! through validation, and encoding it again reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use open311::{decode_form, encode_form, validate};

fuzz_target!(|body: &str| {
    let Ok(submission) = decode_form(body) else {
        return;
    };
    let _ = validate(&submission.draft, None);
    let again = decode_form(&encode_form(
        &submission.draft,
        submission.api_key.as_deref(),
    ));
    assert_eq!(again.as_ref(), Ok(&submission), "{body:?}");
});
