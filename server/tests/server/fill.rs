//! `--fill-requests`: a city's volume of generated requests for load tests.

use open311::{Format, ServiceRequest};
use tempfile::TempDir;

use crate::harness::{Server, get, with_credentials};

#[test]
fn fills_once_to_the_number_asked_and_the_requests_are_served() {
    let data = TempDir::new().unwrap();
    let args = with_credentials(&["--fill-requests", "1000"]);
    let server = Server::start_in(data.path(), &args);
    assert_eq!(server.count("SELECT COUNT(*) FROM requests"), 1000);
    let closed: Vec<ServiceRequest> =
        get(&server
            .api("requests.json?status=closed&lat=41.83&long=-87.73&radius=50000&page_size=500"))
        .expect(200)
        .decode(Format::Json);
    assert_eq!(closed.len(), 500, "most generated requests are closed");
    assert!(server.stop().status.success());

    let server = Server::start_in(data.path(), &args);
    assert_eq!(server.count("SELECT COUNT(*) FROM requests"), 1000);
    assert!(server.stop().status.success());
}
