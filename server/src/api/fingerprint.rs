//! Fingerprints of POST bodies for `Idempotency-Key`: the same key may only ever stand for
//! the same report.

use sha2::{Digest, Sha256};

use crate::random::to_hex;

/// SHA-256 over the canonical form fields and every photo's bytes, each length-prefixed
/// so that moving bytes across a boundary cannot give the same fingerprint. The canonical
/// fields leave out the API key and do not depend on the order fields were sent in.
pub fn of_request<P: AsRef<[u8]>>(canonical_fields: &str, photos: &[P]) -> String {
    let mut hasher = Sha256::new();
    let mut part = |bytes: &[u8]| {
        hasher.update((bytes.len() as u64).to_be_bytes());
        hasher.update(bytes);
    };
    part(canonical_fields.as_bytes());
    for photo in photos {
        part(photo.as_ref());
    }
    to_hex(&hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::of_request;

    const NONE: [&[u8]; 0] = [];

    #[test]
    fn same_body_same_fingerprint() {
        let a = of_request("service_code=pothole&lat=41.8", &[b"jpeg".as_slice()]);
        let b = of_request("service_code=pothole&lat=41.8", &[b"jpeg".as_slice()]);
        assert_eq!(a, b);
        assert_eq!(a.len(), 64);
    }

    #[test]
    fn any_difference_changes_it() {
        let base = of_request("a=1", &[b"photo".as_slice()]);
        assert_ne!(base, of_request("a=2", &[b"photo".as_slice()]));
        assert_ne!(base, of_request("a=1", &[b"photO".as_slice()]));
        assert_ne!(base, of_request("a=1", &NONE));
        assert_ne!(
            base,
            of_request("a=1", &[b"photo".as_slice(), b"photo".as_slice()])
        );
        // Bytes moved from the fields into the photo.
        assert_ne!(
            of_request("a=1x", &[b"y".as_slice()]),
            of_request("a=1", &[b"xy".as_slice()])
        );
        // Photo order matters: the first one is the request's media_url.
        assert_ne!(
            of_request("a=1", &[b"p1".as_slice(), b"p2".as_slice()]),
            of_request("a=1", &[b"p2".as_slice(), b"p1".as_slice()])
        );
    }
}
