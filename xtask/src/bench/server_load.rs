//! Benchmark 7: the reference server holding a city's volume of requests. Status lookups of
//! 100 ids and nearby searches, each asked exactly as the app asks them, one after the other
//! on one keep-alive connection; then reports filed by several clients at once.

use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use open311::{Answer, AttributeCode, Draft, Location, ServiceCode, ServiceRequest};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{SeedableRng, seq};

use super::Bench;
use super::api_client::{ApiClient, Timed};
use super::figure::{Figure, Unit};
use super::latency::Latencies;

const SECTION: &str = "server";
const REQUESTS: usize = 100_000;
/// Queries asked before the recorded ones, so caches and connections are warm.
const WARM_UP: usize = 20;
const SAMPLES: usize = 500;
/// The app's batch of followed requests in one status call.
const IDS_PER_LOOKUP: usize = 100;
/// The circles the app fetches around a new report, twice as wide as the radius it shows:
/// for its default of 100 m and for its widest setting, 1,000 m.
const NEARBY_RADII_M: [u32; 2] = [200, 2_000];
const POST_CLIENTS: usize = 8;
const POSTS_PER_CLIENT: usize = 500;
/// The same queries on every run, so that runs compare.
const RNG_SEED: u64 = 7;

/// Where a stored request is and what it is about: a likely place for a new report.
struct Place {
    service_code: ServiceCode,
    lat: f64,
    long: f64,
}

impl Place {
    fn of(request: &ServiceRequest) -> Option<Self> {
        Some(Self {
            service_code: request.service_code.clone()?,
            lat: request.lat?,
            long: request.long?,
        })
    }
}

pub fn measure(bench: &Bench) -> Result<Vec<Figure>> {
    println!("\n==> server: filling the database with {REQUESTS} requests");
    let started = Instant::now();
    let server = bench.start_server("server", &["--fill-requests", &REQUESTS.to_string()])?;
    let filling = started.elapsed();
    let mut rng = StdRng::seed_from_u64(RNG_SEED);
    let client = ApiClient::new(server.url());

    println!("==> server: {SAMPLES} lookups of {IDS_PER_LOOKUP} ids");
    let mut places = Vec::new();
    let lookups = sample(|| {
        let ids: Vec<String> = seq::index::sample(&mut rng, REQUESTS, IDS_PER_LOOKUP)
            .into_iter()
            .map(|index| (index + 1).to_string())
            .collect();
        let answer = client.list(&format!(
            "service_request_id={}&extensions=true&page_size={IDS_PER_LOOKUP}",
            ids.join(",")
        ))?;
        places.extend(answer.value.iter().filter_map(Place::of));
        Ok(answer)
    })?;

    let mut nearby = Vec::new();
    for radius_m in NEARBY_RADII_M {
        println!("==> server: {SAMPLES} nearby searches within {radius_m} m");
        let latencies = sample(|| {
            let place = places
                .choose(&mut rng)
                .context("the lookups found no requests")?;
            client.list(&format!(
                "service_code={}&status=open&lat={:.6}&long={:.6}&radius={radius_m}&extensions=true",
                place.service_code, place.lat, place.long
            ))
        })?;
        nearby.push((radius_m, latencies));
    }

    println!("==> server: {POST_CLIENTS} clients filing {POSTS_PER_CLIENT} reports each");
    let (posts, posting) = file_concurrently(server.url(), &places)?;

    let lookup = format!("lookup of {IDS_PER_LOOKUP} ids with extensions");
    let post = format!("POST without photos, {POST_CLIENTS} concurrent clients");
    let mut figures = vec![Figure::new(
        SECTION,
        format!("filling an empty database with {REQUESTS} requests, to listening"),
        filling.as_secs_f64() * 1000.0,
        Unit::Milliseconds,
    )];
    figures.extend(lookups.figures(SECTION, &lookup));
    figures.push(results_figure(&lookup, &lookups));
    for (radius_m, latencies) in &nearby {
        let around = format!("open requests of a service within {radius_m} m, with extensions");
        figures.extend(latencies.figures(SECTION, &around));
        figures.push(results_figure(&around, latencies));
    }
    figures.push(Figure::new(
        SECTION,
        format!("{post}: requests filed per second"),
        posts.len() as f64 / posting.as_secs_f64(),
        Unit::PerSecond,
    ));
    figures.extend(posts.figures(SECTION, &post));
    Ok(figures)
}

fn results_figure(what: &str, latencies: &Latencies) -> Figure {
    Figure::new(
        SECTION,
        format!("{what}: requests per answer, mean"),
        latencies.mean_results(),
        Unit::Ratio,
    )
}

/// Asks `WARM_UP` unrecorded queries, then `SAMPLES` recorded ones, one after the other.
fn sample(mut ask: impl FnMut() -> Result<Timed<Vec<ServiceRequest>>>) -> Result<Latencies> {
    let mut latencies = Latencies::default();
    for round in 0..WARM_UP + SAMPLES {
        let answer = ask()?;
        if round >= WARM_UP {
            latencies.record(answer.took, answer.value.len());
        }
    }
    Ok(latencies)
}

/// Every client files its reports on its own keep-alive connection; returns each POST's
/// time and how long they all took together.
fn file_concurrently(server_url: &str, places: &[Place]) -> Result<(Latencies, Duration)> {
    let started = Instant::now();
    let per_client: Vec<Result<Latencies>> = thread::scope(|scope| {
        let clients: Vec<_> = (0..POST_CLIENTS)
            .map(|number| scope.spawn(move || file_reports(server_url, places, number)))
            .collect();
        clients
            .into_iter()
            .map(|client| client.join().expect("a filing client panicked"))
            .collect()
    });
    let took = started.elapsed();
    let mut all = Latencies::default();
    for latencies in per_client {
        all.merge(latencies?);
    }
    Ok((all, took))
}

fn file_reports(server_url: &str, places: &[Place], number: usize) -> Result<Latencies> {
    let client = ApiClient::new(server_url);
    let mut latencies = Latencies::default();
    for (index, place) in places
        .iter()
        .skip(number)
        .step_by(POST_CLIENTS)
        .cycle()
        .take(POSTS_PER_CLIENT)
        .enumerate()
    {
        let created = client.file(&pothole(place), &format!("bench-{number}-{index}"))?;
        ensure!(
            created.value.token.is_some(),
            "the server answered a report without a token"
        );
        latencies.record(created.took, 1);
    }
    Ok(latencies)
}

/// A pothole report at `place`, answered as the seeded service asks.
fn pothole(place: &Place) -> Draft {
    Draft {
        service_code: ServiceCode::new("pothole_in_street"),
        location: Location {
            lat: Some(place.lat),
            long: Some(place.long),
            address_string: None,
            address_id: None,
        },
        attributes: [(AttributeCode::new("WHEREIS"), Answer::Single("curb".into()))].into(),
        description: Some("Pothole in the curb lane, about a foot across.".to_owned()),
        ..Draft::default()
    }
}
