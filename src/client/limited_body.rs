//! An answer's body, read up to a limit, so that a server sending megabytes (or never
//! stopping) cannot fill a phone's memory.

use super::error::ClientError;

/// The most the app reads of one answer. Its largest real answers, pages of requests with
/// their notes, stay well under a megabyte.
pub const MAX_ANSWER_BYTES: usize = 4 * 1024 * 1024;

/// The bytes received so far, never more than the limit.
#[derive(Debug)]
pub struct LimitedBody {
    bytes: Vec<u8>,
    limit: usize,
}

impl LimitedBody {
    /// A body to be read, refused at once if its declared `Content-Length` is over `limit`.
    pub fn new(limit: usize, content_length: Option<&str>) -> Result<Self, ClientError> {
        let declared = content_length.and_then(|length| length.trim().parse::<u64>().ok());
        if declared.is_some_and(|length| length > limit as u64) {
            return Err(ClientError::TooLarge { limit });
        }
        Ok(LimitedBody {
            // The declared length is only a hint: the chunks are counted all the same.
            bytes: Vec::with_capacity(declared.map_or(0, |length| length as usize)),
            limit,
        })
    }

    /// Adds the next chunk, or refuses it if the body would go over the limit.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), ClientError> {
        if self.bytes.len() + chunk.len() > self.limit {
            return Err(ClientError::TooLarge { limit: self.limit });
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn too_large(result: Result<impl std::fmt::Debug, ClientError>) -> bool {
        matches!(result, Err(ClientError::TooLarge { limit: 10 }))
    }

    #[test]
    fn reads_up_to_the_limit_exactly() {
        let mut body = LimitedBody::new(10, Some("10")).unwrap();
        body.push(b"hello").unwrap();
        body.push(b"world").unwrap();
        assert_eq!(body.into_bytes(), b"helloworld");
    }

    #[test]
    fn refuses_a_declared_length_over_the_limit_before_reading() {
        assert!(too_large(LimitedBody::new(10, Some("11"))));
        assert!(too_large(LimitedBody::new(10, Some(" 10485760 "))));
    }

    #[test]
    fn counts_what_arrives_whatever_the_header_says() {
        for declared in [None, Some("3"), Some("not a number"), Some("-1")] {
            let mut body = LimitedBody::new(10, declared).unwrap();
            body.push(b"12345678").unwrap();
            assert!(too_large(body.push(b"abc")), "{declared:?}");
        }
    }
}
