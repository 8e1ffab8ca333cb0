//! The read side: discovery, services, definitions, request lists and their filters.

use std::collections::BTreeSet;

use open311::{
    Datatype, Discovery, Format, Service, ServiceDefinition, ServiceRequest, ServiceType, Status,
};

use crate::harness::{JURISDICTION, SEEDED_REQUESTS, Server, get, get_with, send, urlencode};

const FORMATS: [Format; 2] = [Format::Json, Format::Xml];

fn ids(requests: &[ServiceRequest]) -> Vec<String> {
    requests
        .iter()
        .map(|r| r.service_request_id.as_ref().unwrap().to_string())
        .collect()
}

#[test]
fn discovery_in_both_formats() {
    let server = Server::start(&[]);
    for format in FORMATS {
        let reply = get(&server.api(&format!("discovery.{}", format.extension()))).expect(200);
        assert_eq!(reply.header("content-type"), Some(format.content_type()));
        let discovery: Vec<Discovery> = reply.decode(format);
        let endpoint = &discovery[0].endpoints[0];
        assert_eq!(
            endpoint.url.as_deref(),
            Some(server.api("").trim_end_matches('/'))
        );
        assert_eq!(endpoint.formats, ["application/json", "text/xml"]);
        assert!(discovery[0].changeset.is_some() && discovery[0].contact.is_some());
    }
}

#[test]
fn services_and_definitions_in_both_formats() {
    let server = Server::start(&[]);
    for format in FORMATS {
        let ext = format.extension();
        let services: Vec<Service> = get(&server.api(&format!("services.{ext}")))
            .expect(200)
            .decode(format);
        assert_eq!(services.len(), 14);
        assert!(
            services
                .iter()
                .all(|s| s.service_type == ServiceType::Batch),
            "token mode is batch"
        );
        let groups: BTreeSet<_> = services.iter().filter_map(|s| s.group.clone()).collect();
        assert!(groups.len() >= 4, "{groups:?}");
        let pothole = services
            .iter()
            .find(|s| s.service_name == "Pothole in Street")
            .unwrap();
        assert!(pothole.metadata && pothole.keywords.contains(&"pothole".to_owned()));

        let url = server.api(&format!("services/{}.{ext}", pothole.service_code));
        let definition: Vec<ServiceDefinition> = get(&url).expect(200).decode(format);
        let where_is = &definition[0].attributes[0];
        assert_eq!(where_is.description, "Where is the pothole?");
        assert_eq!(where_is.datatype, Datatype::SingleValueList);
        assert_eq!(where_is.values.len(), 5);

        let mut datatypes = BTreeSet::new();
        for service in &services {
            let url = server.api(&format!("services/{}.{ext}", service.service_code));
            let definition: Vec<ServiceDefinition> = get(&url).expect(200).decode(format);
            assert_eq!(definition[0].service_code, service.service_code);
            assert_eq!(definition[0].attributes.is_empty(), !service.metadata);
            datatypes.extend(definition[0].attributes.iter().map(|a| a.datatype.as_str()));
        }
        assert_eq!(datatypes.len(), 6, "{datatypes:?}");

        let missing = get(&server.api(&format!("services/no_such_service.{ext}"))).expect(404);
        assert_eq!(missing.header("content-type"), Some(format.content_type()));
        assert_eq!(missing.errors(format)[0].code, "404");
    }
}

#[test]
fn realtime_mode_says_so_in_the_service_list() {
    let server = Server::start(&["--mode", "realtime"]);
    let services: Vec<Service> = get(&server.api("services.json"))
        .expect(200)
        .decode(Format::Json);
    assert!(
        services
            .iter()
            .all(|s| s.service_type == ServiceType::Realtime)
    );
}

#[test]
fn jurisdiction_is_checked_everywhere() {
    let server = Server::start(&[]);
    let good = format!("jurisdiction_id={JURISDICTION}");
    for path in [
        "discovery",
        "services",
        "requests",
        "services/pothole_in_street",
        "requests/1",
    ] {
        for format in FORMATS {
            let ext = format.extension();
            get(&server.api(&format!("{path}.{ext}?{good}"))).expect(200);
            get(&server.api(&format!("{path}.{ext}?jurisdiction_id="))).expect(200);
            let reply = get(&server.api(&format!("{path}.{ext}?jurisdiction_id=springfield.gov")))
                .expect(404);
            assert!(
                reply.errors(format)[0]
                    .description
                    .contains("springfield.gov")
            );
        }
    }
}

#[test]
fn unknown_resources_are_404_in_their_format() {
    let server = Server::start(&[]);
    for path in [
        "services.html",
        "services",
        "nothing.json",
        "requests/1/2.json",
    ] {
        get(&server.api(path)).expect(404).errors(Format::Json);
    }
    get(&server.api("nothing.xml"))
        .expect(404)
        .errors(Format::Xml);
    get(&server.api("tokens/nope.xml"))
        .expect(404)
        .errors(Format::Xml);
}

#[test]
fn request_lists_in_both_formats_with_filters() {
    let server = Server::start(&[]);
    for format in FORMATS {
        let ext = format.extension();
        let list = |query: &str| -> Vec<ServiceRequest> {
            get(&server.api(&format!("requests.{ext}?{query}")))
                .expect(200)
                .decode(format)
        };
        let all = list("");
        assert_eq!(all.len(), SEEDED_REQUESTS);
        assert!(
            all.windows(2)
                .all(|w| w[0].requested_datetime >= w[1].requested_datetime),
            "newest first"
        );
        assert!(
            all.iter()
                .all(|r| r.notes.is_empty() && r.extended_attributes.is_none())
        );

        let open = list("status=open");
        let closed = list("status=closed");
        assert!(open.iter().all(|r| r.status == Some(Status::Open)));
        assert!(closed.iter().all(|r| r.status == Some(Status::Closed)));
        assert_eq!(open.len() + closed.len(), all.len());
        assert_eq!(list("status=open,closed").len(), all.len());

        let potholes = list("service_code=pothole_in_street");
        assert_eq!(potholes.len(), 3);
        assert_eq!(
            list("service_code=pothole_in_street,graffiti_removal").len(),
            4
        );

        // The id list overrides every other filter.
        let some: Vec<String> = ids(&closed).into_iter().take(2).collect();
        let picked = list(&format!(
            "service_request_id={}&status=open&service_code=none",
            some.join(",")
        ));
        assert_eq!(
            ids(&picked).into_iter().collect::<BTreeSet<_>>(),
            some.into_iter().collect()
        );

        // Seeded requests are between 14 hours and 21 days old.
        let day = |days: i64| (chrono::Utc::now() - chrono::Duration::days(days)).to_rfc3339();
        let recent = list(&format!("start_date={}", urlencode(&day(2))));
        assert!(!recent.is_empty() && recent.len() < all.len());
        let older = list(&format!("end_date={}", urlencode(&day(2))));
        assert_eq!(recent.len() + older.len(), all.len());
        assert!(list(&format!("start_date={}", urlencode(&day(-1)))).is_empty());

        let with_extensions = list("extensions=true");
        assert!(
            with_extensions
                .iter()
                .all(|r| r.extended_attributes.is_some())
        );
        assert!(with_extensions.iter().all(|r| {
            r.notes
                .first()
                .is_some_and(|n| n.note_type == open311::NoteType::Opened)
        }));
    }
}

#[test]
fn bad_filters_are_400_listing_each_problem() {
    let server = Server::start(&[]);
    for format in FORMATS {
        let url = server.api(&format!(
            "requests.{}?status=pending&start_date=soon&page_size=x&lat=41.8",
            format.extension()
        ));
        let errors = get(&url).expect(400).errors(format);
        assert_eq!(errors.len(), 4, "{errors:?}");
    }
}

#[test]
fn pages_split_the_list_without_overlap() {
    let server = Server::start(&[]);
    let page = |n: u32| -> Vec<String> {
        let url = server.api(&format!("requests.json?page_size=5&page={n}"));
        ids(&get(&url).expect(200).decode(Format::Json))
    };
    let (one, two, three, four) = (page(1), page(2), page(3), page(4));
    assert_eq!(
        (one.len(), two.len(), three.len(), four.len()),
        (5, 5, 4, 0)
    );
    let union: BTreeSet<_> = [one, two, three].concat().into_iter().collect();
    assert_eq!(union.len(), SEEDED_REQUESTS);
    let default_size: Vec<ServiceRequest> = get(&server.api("requests.json?page=1"))
        .expect(200)
        .decode(Format::Json);
    assert_eq!(
        default_size.len(),
        SEEDED_REQUESTS,
        "default page size is 50"
    );
    get(&server.api("requests.json?page_size=100000")).expect(200);
}

#[test]
fn radius_search_finds_what_is_near() {
    let server = Server::start(&[]);
    let (lat, long) = (41.8781, -87.6298);
    for radius in [100.0, 800.0, 3000.0] {
        let url = server.api(&format!(
            "requests.json?lat={lat}&long={long}&radius={radius}"
        ));
        let found: Vec<ServiceRequest> = get(&url).expect(200).decode(Format::Json);
        let all: Vec<ServiceRequest> = get(&server.api("requests.json"))
            .expect(200)
            .decode(Format::Json);
        let expected: BTreeSet<_> = all
            .iter()
            .filter(|r| haversine(lat, long, r.lat.unwrap(), r.long.unwrap()) <= radius)
            .map(|r| r.service_request_id.clone())
            .collect();
        let got: BTreeSet<_> = found.iter().map(|r| r.service_request_id.clone()).collect();
        assert_eq!(got, expected, "radius {radius}");
        if radius == 100.0 {
            assert_eq!(got.len(), 2, "the open pothole and its duplicate");
            assert!(found.iter().any(|r| r.status == Some(Status::Open)
                && r.service_name.as_deref() == Some("Pothole in Street")));
        }
    }
}

fn haversine(lat1: f64, long1: f64, lat2: f64, long2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let a = ((p2 - p1) / 2.0).sin().powi(2)
        + p1.cos() * p2.cos() * ((long2 - long1).to_radians() / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * a.sqrt().asin()
}

#[test]
fn one_request_in_both_formats() {
    let server = Server::start(&[]);
    for format in FORMATS {
        let ext = format.extension();
        let found: Vec<ServiceRequest> =
            get(&server.api(&format!("requests/1.{ext}?extensions=true")))
                .expect(200)
                .decode(format);
        let request = &found[0];
        assert_eq!(request.service_request_id.as_ref().unwrap().as_str(), "1");
        assert_eq!((request.lat, request.long), (Some(41.8781), Some(-87.6298)));
        assert_eq!(
            request
                .extended_attributes
                .as_ref()
                .unwrap()
                .ward
                .as_deref(),
            Some("4")
        );
        assert!(request.notes.len() >= 2);
        assert!(request.expected_datetime > request.requested_datetime);
        let duplicate: Vec<ServiceRequest> =
            get(&server.api(&format!("requests/2.{ext}?extensions=true")))
                .expect(200)
                .decode(format);
        let extended = duplicate[0].extended_attributes.as_ref().unwrap();
        assert_eq!(extended.duplicate.as_ref().unwrap().as_str(), "1");
        for id in ["9999", "abc"] {
            let errors = get(&server.api(&format!("requests/{id}.{ext}")))
                .expect(404)
                .errors(format);
            assert!(errors[0].description.contains(id));
        }
    }
}

#[test]
fn etags_make_unchanged_reads_cheap() {
    let server = Server::start(&[]);
    for path in [
        "requests.json",
        "services.xml",
        "requests/1.json?extensions=true",
        "discovery.json",
    ] {
        let first = get(&server.api(path)).expect(200);
        let tag = first.header("etag").expect("an ETag").to_owned();
        assert!(tag.starts_with('"'), "strong: {tag}");
        let again = get_with(&server.api(path), &[("If-None-Match", &tag)]).expect(304);
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), Some(tag.as_str()));
        get_with(&server.api(path), &[("If-None-Match", "\"stale\"")]).expect(200);
    }
    let before = get(&server.api("requests.json"))
        .header("etag")
        .unwrap()
        .to_owned();
    crate::harness::admin(
        "POST",
        &server.url("/admin/requests/1/notes"),
        Some(r#"{"summary":"Crew on site"}"#),
    )
    .expect(200);
    let after = get_with(&server.api("requests.json"), &[("If-None-Match", &before)]).expect(200);
    assert_ne!(after.header("etag"), Some(before.as_str()));
}

#[test]
fn cors_lets_another_origin_call() {
    let server = Server::start(&[]);
    let preflight = send(
        "OPTIONS",
        &server.api("requests.json"),
        &[
            ("Origin", "http://localhost:8081"),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "idempotency-key,authorization,content-type",
            ),
        ],
        None,
    );
    assert!(preflight.status < 300);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    let allowed = preflight
        .header("access-control-allow-headers")
        .unwrap()
        .to_ascii_lowercase();
    assert!(allowed.contains("idempotency-key") && allowed.contains("if-none-match"));
    let reply = get_with(
        &server.api("services.json"),
        &[("Origin", "http://localhost:8081")],
    )
    .expect(200);
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    assert!(
        reply
            .header("access-control-expose-headers")
            .unwrap()
            .contains("etag")
    );
}
