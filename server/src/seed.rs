//! First-start data: Chicago's 2012 launch list of services and a few requests around
//! the Loop, so the tracker and the duplicate search have something to show. The data
//! itself is in `seed/chicago.json`.

use std::collections::BTreeMap;

use open311::{Answer, AttributeCode, Draft, Location, NoteType, ServiceCode, Status};
use rusqlite::{Connection, TransactionBehavior};
use serde::Deserialize;

use crate::db::meta::{self, Site};
use crate::db::notes::{self, NewNote};
use crate::db::requests::{self, NewRequest};
use crate::db::services::{self, ServiceRecord};
use crate::db::{DbError, timestamp};

const CHICAGO: &str = include_str!("../seed/chicago.json");

const HOUR_MS: i64 = 60 * 60 * 1000;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("seed data is malformed: {0}")]
    Malformed(#[from] serde_json::Error),
    #[error("seed data is inconsistent: {0}")]
    Inconsistent(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<rusqlite::Error> for SeedError {
    fn from(error: rusqlite::Error) -> Self {
        SeedError::Db(error.into())
    }
}

#[derive(Deserialize)]
struct Seed {
    jurisdiction_id: String,
    contact: String,
    key_service: String,
    services: Vec<ServiceRecord>,
    requests: Vec<SeedRequest>,
}

/// A request as it stood some hours before the first start; times are relative so the
/// default 90-day window of `requests.json` always shows them.
#[derive(Deserialize)]
struct SeedRequest {
    service_code: ServiceCode,
    status: Status,
    status_notes: Option<String>,
    description: String,
    address: String,
    zipcode: String,
    lat: f64,
    long: f64,
    ward: String,
    channel: String,
    opened_hours_ago: i64,
    /// Index in the seed's list of the request this one duplicates.
    duplicate_of: Option<usize>,
    attributes: BTreeMap<AttributeCode, Answer>,
    notes: Vec<SeedNote>,
}

impl SeedRequest {
    /// The request as a resident would have filed it.
    fn draft(&self) -> Draft {
        Draft {
            service_code: self.service_code.clone(),
            location: Location {
                lat: Some(self.lat),
                long: Some(self.long),
                address_string: Some(self.address.clone()),
                address_id: None,
            },
            attributes: self.attributes.clone(),
            description: Some(self.description.clone()),
            ..Draft::default()
        }
    }
}

#[derive(Deserialize)]
struct SeedNote {
    #[serde(rename = "type")]
    note_type: NoteType,
    hours_ago: i64,
    summary: Option<String>,
    description: Option<String>,
}

/// Seeds the database unless it already was; returns the site either way. Everything
/// goes in one transaction, so a failed first start leaves nothing half-seeded behind.
pub fn ensure(connection: &mut Connection, now_ms: i64) -> Result<Site, SeedError> {
    if let Some(site) = meta::site(connection)? {
        return Ok(site);
    }
    let seed: Seed = serde_json::from_str(CHICAGO)?;
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let site = Site {
        jurisdiction_id: seed.jurisdiction_id,
        contact: seed.contact,
        key_service: seed.key_service,
        changeset: timestamp(now_ms).to_string(),
    };
    meta::store_site(&transaction, &site)?;
    for (position, record) in seed.services.iter().enumerate() {
        services::insert(&transaction, position, record)?;
    }
    let mut ids = Vec::with_capacity(seed.requests.len());
    for request in &seed.requests {
        let service = seed
            .services
            .iter()
            .find(|record| record.service.service_code == request.service_code)
            .ok_or_else(|| {
                SeedError::Inconsistent(format!("no service {}", request.service_code))
            })?;
        let id = insert_request(&transaction, request, service, now_ms)?;
        if let Some(original) = request.duplicate_of {
            let original = ids.get(original).copied().ok_or_else(|| {
                SeedError::Inconsistent("duplicate_of must name an earlier request".into())
            })?;
            requests::mark_duplicate(&transaction, id, original)?;
        }
        ids.push(id);
    }
    transaction.commit()?;
    Ok(site)
}

fn insert_request(
    connection: &Connection,
    request: &SeedRequest,
    service: &ServiceRecord,
    now_ms: i64,
) -> Result<i64, SeedError> {
    let draft = request.draft();
    let id = requests::insert(
        connection,
        &NewRequest {
            draft: &draft,
            service,
            requested_ms: now_ms - request.opened_hours_ago * HOUR_MS,
            channel: &request.channel,
            zipcode: Some(&request.zipcode),
            ward: Some(&request.ward),
            photos: &[],
        },
    )?;
    for note in &request.notes {
        notes::add(
            connection,
            id,
            now_ms - note.hours_ago * HOUR_MS,
            &NewNote {
                note_type: note.note_type.clone(),
                summary: note.summary.clone(),
                description: note.description.clone(),
            },
        )?;
    }
    if request.status == Status::Closed {
        let closed_ms = request
            .notes
            .iter()
            .map(|note| now_ms - note.hours_ago * HOUR_MS)
            .max()
            .unwrap_or(now_ms);
        requests::set_status(
            connection,
            id,
            Status::Closed,
            request.status_notes.as_deref(),
            closed_ms,
        )?;
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use open311::Datatype;

    use super::*;

    fn seed() -> Seed {
        serde_json::from_str(CHICAGO).expect("the seed parses")
    }

    #[test]
    fn fourteen_services_in_groups_with_every_datatype() {
        let seed = seed();
        assert_eq!(seed.services.len(), 14);
        let codes: BTreeSet<_> = seed
            .services
            .iter()
            .map(|r| &r.service.service_code)
            .collect();
        assert_eq!(codes.len(), 14, "service codes are unique");
        let datatypes: BTreeSet<_> = seed
            .services
            .iter()
            .filter_map(|r| r.definition.as_ref())
            .flat_map(|d| &d.attributes)
            .map(|a| a.datatype.as_str())
            .collect();
        assert_eq!(
            datatypes,
            Datatype::ALL.iter().map(|d| d.as_str()).collect()
        );
        for record in &seed.services {
            let service = &record.service;
            assert!(
                service.group.is_some() && !service.keywords.is_empty(),
                "{service:?}"
            );
            assert!(record.agency.is_some());
            assert_eq!(service.metadata, record.definition.is_some(), "{service:?}");
            if let Some(definition) = &record.definition {
                assert_eq!(definition.service_code, service.service_code);
            }
        }
        let notices = seed
            .services
            .iter()
            .filter_map(|r| r.definition.as_ref())
            .flat_map(|d| &d.attributes)
            .filter(|a| !a.variable)
            .count();
        assert!(notices > 0);
    }

    #[test]
    fn pothole_asks_where_and_offers_text_updates() {
        let seed = seed();
        let pothole = seed
            .services
            .iter()
            .find(|r| r.service.service_name == "Pothole in Street")
            .and_then(|r| r.definition.as_ref())
            .unwrap();
        let where_is = &pothole.attributes[0];
        assert_eq!(where_is.description, "Where is the pothole?");
        assert!(where_is.required && where_is.datatype == Datatype::SingleValueList);
        let names: Vec<_> = where_is.values.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Bike lane",
                "Crosswalk",
                "Curb lane",
                "Intersection",
                "Traffic lane"
            ]
        );
        let mobile = &pothole.attributes[1];
        assert_eq!(mobile.description, "Mobile number for text updates");
        assert!(!mobile.required);
    }

    #[test]
    fn seeded_requests_answer_their_definitions() {
        let seed = seed();
        for request in &seed.requests {
            let record = seed
                .services
                .iter()
                .find(|r| r.service.service_code == request.service_code)
                .unwrap();
            let draft = request.draft();
            assert_eq!(
                open311::validate(&draft, record.definition.as_ref()),
                Ok(()),
                "{}",
                request.description
            );
            assert!(
                request
                    .notes
                    .iter()
                    .all(|n| n.hours_ago < request.opened_hours_ago)
            );
        }
    }

    #[test]
    fn seeding_happens_once() {
        let mut connection = rusqlite::Connection::open_in_memory().unwrap();
        crate::db::test_support::prepare(&mut connection);
        let first = ensure(&mut connection, 1_700_000_000_000).unwrap();
        let again = ensure(&mut connection, 1_800_000_000_000).unwrap();
        assert_eq!(first, again);
        let count: i64 = connection
            .query_row("SELECT COUNT(*) FROM requests", [], |row| row.get(0))
            .unwrap();
        assert_eq!(count, seed().requests.len() as i64);
    }
}
