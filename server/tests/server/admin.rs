//! The admin routes that move a request along, seen through the public API.

use open311::{Format, NoteType, ServiceRequest, Status};

use crate::harness::{ADMIN_TOKEN, Server, admin, get, send};

fn request(server: &Server, id: &str) -> ServiceRequest {
    let url = server.api(&format!("requests/{id}.json?extensions=true"));
    get(&url)
        .expect(200)
        .decode::<ServiceRequest>(Format::Json)
        .remove(0)
}

#[test]
fn notes_and_status_show_in_the_timeline() {
    let server = Server::start(&[]);
    let before = request(&server, "1");
    assert_eq!(before.status, Some(Status::Open));

    let url = server.url("/admin/requests/1/notes");
    let body = r#"{"type":"activity","summary":"Crew dispatched","description":"Truck 14 is on its way."}"#;
    let answered: Vec<ServiceRequest> = admin("POST", &url, Some(body))
        .expect(200)
        .decode(Format::Json);
    assert_eq!(
        answered[0].notes.last().unwrap().summary.as_deref(),
        Some("Crew dispatched")
    );

    let body = r#"{"summary":"Pothole filled","description":"Filled with hot asphalt.","status":"closed"}"#;
    admin("POST", &url, Some(body)).expect(200);
    let after = request(&server, "1");
    assert_eq!(after.status, Some(Status::Closed));
    assert_eq!(
        after.status_notes.as_deref(),
        Some("Filled with hot asphalt.")
    );
    assert!(after.updated_datetime > before.updated_datetime);
    let timeline: Vec<_> = after.notes.iter().map(|n| n.note_type.clone()).collect();
    assert_eq!(timeline.first(), Some(&NoteType::Opened));
    assert_eq!(
        &timeline[timeline.len() - 2..],
        [NoteType::Activity, NoteType::Closed]
    );
    assert!(
        after
            .notes
            .windows(2)
            .all(|w| w[0].datetime <= w[1].datetime)
    );

    admin(
        "POST",
        &url,
        Some(r#"{"status":"open","type":"follow_on_created"}"#),
    )
    .expect(200);
    let reopened = request(&server, "1");
    assert_eq!(reopened.status, Some(Status::Open));
    assert_eq!(
        reopened.notes.last().unwrap().note_type,
        NoteType::FollowOnCreated
    );
}

#[test]
fn updated_after_finds_what_changed() {
    let server = Server::start(&[]);
    let mark = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    std::thread::sleep(std::time::Duration::from_millis(20));
    admin(
        "POST",
        &server.url("/admin/requests/5/notes"),
        Some(r#"{"summary":"Inspected"}"#),
    )
    .expect(200);
    let query = |filter: &str| -> Vec<ServiceRequest> {
        let url = server.api(&format!(
            "requests.json?{filter}={}",
            mark.replace('+', "%2B")
        ));
        get(&url).expect(200).decode(Format::Json)
    };
    let changed = query("updated_after");
    assert_eq!(changed.len(), 1);
    assert_eq!(
        changed[0].service_request_id.as_ref().unwrap().as_str(),
        "5"
    );
    assert_eq!(
        query("updated_before").len(),
        crate::harness::SEEDED_REQUESTS - 1
    );
}

#[test]
fn admin_needs_the_token() {
    let server = Server::start(&[]);
    let url = server.url("/admin/requests/1/notes");
    let body = Some(br#"{"summary":"x"}"#.to_vec());
    let json = ("Content-Type", "application/json");
    let missing = send("POST", &url, &[json], body.clone());
    assert_eq!(missing.status, 401);
    assert_eq!(missing.header("www-authenticate"), Some("Bearer"));
    assert_eq!(missing.errors(Format::Json)[0].code, "401");
    let wrong = send(
        "POST",
        &url,
        &[json, ("Authorization", "Bearer nope")],
        body.clone(),
    );
    assert_eq!(wrong.status, 403);
    wrong.errors(Format::Json);
    // The API key is not an admin token.
    let api_key = format!("Bearer {}", crate::harness::API_KEY);
    assert_eq!(
        send("POST", &url, &[json, ("Authorization", &api_key)], body).status,
        403
    );
    assert_eq!(request(&server, "1").notes.len(), 2, "nothing was added");
    let token = format!("Bearer {ADMIN_TOKEN}");
    assert_eq!(
        send(
            "DELETE",
            &server.url("/admin/faults"),
            &[("Authorization", &token)],
            None
        )
        .status,
        200
    );
}

#[test]
fn admin_refusals() {
    let server = Server::start(&[]);
    admin(
        "POST",
        &server.url("/admin/requests/999/notes"),
        Some(r#"{"summary":"x"}"#),
    )
    .expect(404);
    admin(
        "POST",
        &server.url("/admin/requests/abc/notes"),
        Some(r#"{"summary":"x"}"#),
    )
    .expect(404);
    let errors = admin(
        "POST",
        &server.url("/admin/requests/1/notes"),
        Some(r#"{"status":"pending"}"#),
    )
    .expect(400)
    .errors(Format::Json);
    assert!(errors[0].description.contains("pending"));
    admin("POST", &server.url("/admin/requests/1/notes"), Some("[]")).expect(400);
    admin("GET", &server.url("/admin/nothing"), None).expect(404);
}
