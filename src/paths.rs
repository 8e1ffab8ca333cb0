//! The app's own addresses. Codes and ids are opaque text (`/` and `?` included), so each is
//! escaped to stay one path segment, here and in the server's URLs.

use open311::{ServiceCode, ServiceRequestId};

const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `text`, escaped to be one path segment.
pub fn segment(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, SEGMENT).to_string()
}

/// The form of a service.
pub fn service_path(code: &ServiceCode) -> String {
    format!("/report/{}", segment(code.as_str()))
}

/// The tracker's page of a request.
pub fn request_path(id: &ServiceRequestId) -> String {
    format!("/reports/{}", segment(id.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_ids_stay_one_path_segment() {
        assert_eq!(
            service_path(&ServiceCode::new("pothole_in_street")),
            "/report/pothole_in_street"
        );
        assert_eq!(
            service_path(&ServiceCode::new("a/b c?")),
            "/report/a%2Fb%20c%3F"
        );
        assert_eq!(
            request_path(&ServiceRequestId::new("638344")),
            "/reports/638344"
        );
        assert_eq!(
            request_path(&ServiceRequestId::new("12/3#")),
            "/reports/12%2F3%23"
        );
    }
}
