//! Made-up requests for load tests (`--fill-requests N`): the database is brought up to N
//! requests, so that queries meet a city's volume rather than the demo's dozen. They are
//! spread over Chicago (the seeded services are Chicago's) and over the last 90 days, the
//! window `requests.json` lists by default; each answers its service's questions and
//! those past their expected date are mostly closed, as a city's would be.

use std::collections::BTreeMap;
use std::ops::Range;

use open311::{
    Answer, Attribute, AttributeCode, Datatype, Draft, Location, NoteType, ServiceDefinition,
    Status,
};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rusqlite::{Connection, TransactionBehavior};

use crate::db::notes::{self, NewNote};
use crate::db::requests::{self, NewRequest};
use crate::db::services::{self, ServiceRecord};
use crate::db::{DbError, timestamp};

/// Chicago's extent, south to north and west to east.
pub const LATITUDES: Range<f64> = 41.644..42.023;
pub const LONGITUDES: Range<f64> = -87.940..-87.524;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
const WINDOW_MS: i64 = 90 * DAY_MS;
/// When a request is closed, as a share of its service's expected days: some early, most
/// around the date, some late.
const CLOSING: Range<f64> = 0.2..2.0;
/// The same requests on every run, so that runs compare.
const RNG_SEED: u64 = 311;
/// How they are marked in `extended_attributes.channel`.
const CHANNEL: &str = "generated";
const DESCRIPTION: &str = "Generated for load testing.";

#[derive(Debug, thiserror::Error)]
pub enum FillError {
    #[error("there are no services to file requests for")]
    NoServices,
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<rusqlite::Error> for FillError {
    fn from(error: rusqlite::Error) -> Self {
        FillError::Db(error.into())
    }
}

/// Files requests until the database holds at least `at_least`, in one transaction;
/// returns how many it filed.
pub fn fill(connection: &mut Connection, at_least: u64, now_ms: i64) -> Result<u64, FillError> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let stored: u64 =
        transaction.query_row("SELECT COUNT(*) FROM requests", [], |row| row.get(0))?;
    let missing = at_least.saturating_sub(stored);
    if missing == 0 {
        return Ok(0);
    }
    let mut records = Vec::new();
    for service in services::list(&transaction)? {
        records.extend(services::find(&transaction, service.service_code.as_str())?);
    }
    if records.is_empty() {
        return Err(FillError::NoServices);
    }
    let mut rng = StdRng::seed_from_u64(RNG_SEED);
    for _ in 0..missing {
        let record = records.choose(&mut rng).ok_or(FillError::NoServices)?;
        file_one(&transaction, record, &mut rng, now_ms)?;
    }
    transaction.commit()?;
    Ok(missing)
}

fn file_one(
    connection: &Connection,
    record: &ServiceRecord,
    rng: &mut StdRng,
    now_ms: i64,
) -> Result<(), DbError> {
    let requested_ms = now_ms - rng.random_range(0..WINDOW_MS);
    let draft = draft(record, requested_ms, rng);
    let id = requests::insert(
        connection,
        &NewRequest {
            draft: &draft,
            service: record,
            requested_ms,
            channel: CHANNEL,
            zipcode: None,
            ward: None,
            photos: &[],
        },
    )?;
    let Some(days) = record.expected_days else {
        return Ok(());
    };
    let closed_ms = requested_ms + (days as f64 * rng.random_range(CLOSING) * DAY_MS as f64) as i64;
    if closed_ms < now_ms {
        notes::add(
            connection,
            id,
            closed_ms,
            &NewNote {
                note_type: NoteType::Closed,
                summary: Some("Request closed".to_owned()),
                description: None,
            },
        )?;
        requests::set_status(connection, id, Status::Closed, Some("Completed"), closed_ms)?;
    }
    Ok(())
}

fn draft(record: &ServiceRecord, requested_ms: i64, rng: &mut StdRng) -> Draft {
    Draft {
        service_code: record.service.service_code.clone(),
        location: Location {
            lat: Some(rng.random_range(LATITUDES)),
            long: Some(rng.random_range(LONGITUDES)),
            address_string: None,
            address_id: None,
        },
        attributes: answers(record.definition.as_ref(), requested_ms, rng),
        description: Some(DESCRIPTION.to_owned()),
        ..Draft::default()
    }
}

/// An answer to every required question, the optional ones left blank as most people do.
fn answers(
    definition: Option<&ServiceDefinition>,
    requested_ms: i64,
    rng: &mut StdRng,
) -> BTreeMap<AttributeCode, Answer> {
    definition
        .into_iter()
        .flat_map(|definition| &definition.attributes)
        .filter(|attribute| attribute.variable && attribute.required)
        .map(|attribute| (attribute.code.clone(), answer(attribute, requested_ms, rng)))
        .collect()
}

fn answer(attribute: &Attribute, requested_ms: i64, rng: &mut StdRng) -> Answer {
    let mut key = || {
        attribute
            .values
            .choose(rng)
            .map(|value| value.key.clone())
            .unwrap_or_default()
    };
    match attribute.datatype {
        Datatype::SingleValueList => Answer::Single(key()),
        Datatype::MultiValueList => Answer::Multi(vec![key()]),
        Datatype::Number => Answer::Single(rng.random_range(1..10).to_string()),
        Datatype::Datetime => Answer::Single(timestamp(requested_ms).to_string()),
        Datatype::String | Datatype::Text => Answer::Single("Not given".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_717_200_000_000;

    fn seeded() -> Connection {
        let mut connection = Connection::open_in_memory().unwrap();
        crate::db::test_support::prepare(&mut connection);
        crate::seed::ensure(&mut connection, NOW).unwrap();
        connection
    }

    fn count(connection: &Connection, sql: &str) -> i64 {
        connection.query_row(sql, [], |row| row.get(0)).unwrap()
    }

    #[test]
    fn fills_up_to_the_number_asked_and_no_further() {
        let mut connection = seeded();
        let demo = count(&connection, "SELECT COUNT(*) FROM requests");
        assert_eq!(
            fill(&mut connection, 2_000, NOW).unwrap(),
            2_000 - demo as u64
        );
        assert_eq!(fill(&mut connection, 2_000, NOW).unwrap(), 0);
        assert_eq!(fill(&mut connection, 10, NOW).unwrap(), 0);
        assert_eq!(count(&connection, "SELECT COUNT(*) FROM requests"), 2_000);
    }

    #[test]
    fn requests_spread_over_the_city_services_and_last_90_days() {
        let mut connection = seeded();
        fill(&mut connection, 3_000, NOW).unwrap();
        let generated = format!("FROM requests WHERE channel = '{CHANNEL}'");
        let services = count(
            &connection,
            &format!("SELECT COUNT(DISTINCT service_code) {generated}"),
        );
        assert_eq!(services, 14);
        let outside = count(
            &connection,
            &format!(
                "SELECT COUNT(*) {generated} AND NOT (lat BETWEEN {} AND {} AND long BETWEEN {} AND {}
                 AND requested_ms BETWEEN {} AND {NOW})",
                LATITUDES.start,
                LATITUDES.end,
                LONGITUDES.start,
                LONGITUDES.end,
                NOW - WINDOW_MS
            ),
        );
        assert_eq!(outside, 0);
        let open = count(
            &connection,
            &format!("SELECT COUNT(*) {generated} AND status = 'open'"),
        );
        // About one in nine: the expected days are short beside 90 days.
        assert!((200..600).contains(&open), "{open} open");
        let closed_without_note = count(
            &connection,
            &format!(
                "SELECT COUNT(*) {generated} AND status = 'closed' AND NOT EXISTS
                 (SELECT 1 FROM notes n WHERE n.request_id = requests.id AND n.note_type = 'closed')"
            ),
        );
        assert_eq!(closed_without_note, 0);
    }

    #[test]
    fn generated_requests_answer_their_definitions() {
        let connection = seeded();
        let mut rng = StdRng::seed_from_u64(RNG_SEED);
        for service in services::list(&connection).unwrap() {
            let record = services::find(&connection, service.service_code.as_str())
                .unwrap()
                .unwrap();
            for _ in 0..20 {
                let draft = draft(&record, NOW, &mut rng);
                assert_eq!(
                    open311::validate(&draft, record.definition.as_ref()),
                    Ok(()),
                    "{}",
                    service.service_code
                );
            }
        }
    }
}
