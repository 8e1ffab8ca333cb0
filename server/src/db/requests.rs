//! Service requests: filing, reading, filtering.

use open311::{
    Answer, Draft, ExtendedAttributes, Photo, ServiceCode, ServiceRequest, ServiceRequestId, Status,
};
use rusqlite::types::Value;
use rusqlite::{Connection, Row, params, params_from_iter};

use super::services::ServiceRecord;
use super::{DbResult, notes, timestamp};
use crate::geo::Circle;
use crate::media::{StoredPhoto, URL_PREFIX};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// A request about to be stored.
pub struct NewRequest<'a> {
    pub draft: &'a Draft,
    pub service: &'a ServiceRecord,
    pub requested_ms: i64,
    /// How it reached the city: the API, the phone line, the website.
    pub channel: &'a str,
    pub zipcode: Option<&'a str>,
    pub ward: Option<&'a str>,
    pub photos: &'a [StoredPhoto],
}

/// Stores an open request with its answers, photos and `opened` note; returns its id.
pub fn insert(connection: &Connection, new: &NewRequest) -> DbResult<i64> {
    let draft = new.draft;
    let expected_ms = new
        .service
        .expected_days
        .map(|days| new.requested_ms + days * DAY_MS);
    connection.execute(
        "INSERT INTO requests (service_code, status, description, agency_responsible,
             service_notice, requested_ms, updated_ms, expected_ms, address, address_id,
             zipcode, lat, long, media_url, email, first_name, last_name, phone, device_id,
             account_id, channel, ward)
         VALUES (?1, 'open', ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                 ?15, ?16, ?17, ?18, ?19, ?20)",
        params![
            draft.service_code.as_str(),
            draft.description,
            new.service.agency,
            new.service.service_notice,
            new.requested_ms,
            expected_ms,
            draft.location.address_string,
            draft.location.address_id,
            new.zipcode,
            draft.location.lat,
            draft.location.long,
            draft.media_url,
            draft.contact.email,
            draft.contact.first_name,
            draft.contact.last_name,
            draft.contact.phone,
            draft.device_id,
            draft.account_id,
            new.channel,
            new.ward,
        ],
    )?;
    let id = connection.last_insert_rowid();
    let mut answer = connection.prepare_cached(
        "INSERT INTO request_attributes (request_id, code, position, value) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (code, value) in &draft.attributes {
        let values = match value {
            Answer::Single(value) => std::slice::from_ref(value),
            Answer::Multi(values) => values.as_slice(),
        };
        for (position, value) in values.iter().enumerate() {
            answer.execute(params![id, code.as_str(), position, value])?;
        }
    }
    let mut photo = connection.prepare_cached(
        "INSERT INTO photos (request_id, position, file_name, width, height) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, stored) in new.photos.iter().enumerate() {
        photo.execute(params![
            id,
            position,
            stored.file_name,
            stored.width,
            stored.height
        ])?;
    }
    notes::add(
        connection,
        id,
        new.requested_ms,
        &notes::NewNote {
            note_type: open311::NoteType::Opened,
            summary: Some("Request opened".to_owned()),
            description: None,
        },
    )?;
    Ok(id)
}

pub fn exists(connection: &Connection, id: i64) -> DbResult<bool> {
    Ok(connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM requests WHERE id = ?1)",
        [id],
        |row| row.get(0),
    )?)
}

/// Changes the status; the notes say why.
pub fn set_status(
    connection: &Connection,
    id: i64,
    status: Status,
    status_notes: Option<&str>,
    at_ms: i64,
) -> DbResult<()> {
    connection.execute(
        "UPDATE requests SET status = ?2, status_notes = COALESCE(?3, status_notes),
             updated_ms = MAX(updated_ms, ?4)
         WHERE id = ?1",
        params![id, status.as_str(), status_notes, at_ms],
    )?;
    Ok(())
}

pub fn mark_duplicate(connection: &Connection, id: i64, original: i64) -> DbResult<()> {
    connection.execute(
        "UPDATE requests SET duplicate_of = ?2 WHERE id = ?1",
        params![id, original],
    )?;
    Ok(())
}

/// Which requests to list. `ids` overrides every other filter, as the spec says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestFilter {
    pub ids: Option<Vec<i64>>,
    pub service_codes: Vec<String>,
    pub requested_from_ms: Option<i64>,
    pub requested_to_ms: Option<i64>,
    pub updated_after_ms: Option<i64>,
    pub updated_before_ms: Option<i64>,
    pub status: Option<Status>,
    pub within: Option<Circle>,
    pub limit: u32,
    pub offset: u64,
}

/// SQL conditions and their parameters for a filter.
fn conditions(filter: &RequestFilter) -> (Vec<String>, Vec<Value>) {
    let mut clauses = Vec::new();
    let mut values = Vec::new();
    let mut any_of = |column: &str, items: Vec<Value>, clauses: &mut Vec<String>| {
        clauses.push(format!(
            "{column} IN ({})",
            vec!["?"; items.len()].join(", ")
        ));
        values.extend(items);
    };
    if let Some(ids) = &filter.ids {
        any_of(
            "r.id",
            ids.iter().copied().map(Value::Integer).collect(),
            &mut clauses,
        );
        return (clauses, values);
    }
    if !filter.service_codes.is_empty() {
        let codes = filter
            .service_codes
            .iter()
            .cloned()
            .map(Value::Text)
            .collect();
        any_of("r.service_code", codes, &mut clauses);
    }
    let bounds = [
        ("r.requested_ms >=", filter.requested_from_ms),
        ("r.requested_ms <=", filter.requested_to_ms),
        ("r.updated_ms >", filter.updated_after_ms),
        ("r.updated_ms <", filter.updated_before_ms),
    ];
    for (condition, bound) in bounds {
        if let Some(bound) = bound {
            clauses.push(format!("{condition} ?"));
            values.push(Value::Integer(bound));
        }
    }
    if let Some(status) = filter.status {
        clauses.push("r.status = ?".to_owned());
        values.push(Value::Text(status.as_str().to_owned()));
    }
    if let Some(circle) = filter.within {
        // The box uses the (lat, long) index; the exact distance then trims its corners.
        let bbox = circle.bounding_box();
        clauses.push(
            "r.lat BETWEEN ? AND ? AND r.long BETWEEN ? AND ? AND distance_m(?, ?, r.lat, r.long) <= ?"
                .to_owned(),
        );
        values.extend(
            [
                bbox.min_lat,
                bbox.max_lat,
                bbox.min_long,
                bbox.max_long,
                circle.lat,
                circle.long,
                circle.radius_m,
            ]
            .map(Value::Real),
        );
    }
    (clauses, values)
}

const COLUMNS: &str = "r.id, r.status, r.status_notes, s.name, r.service_code, r.description,
    r.agency_responsible, r.service_notice, r.requested_ms, r.updated_ms, r.expected_ms,
    r.address, r.address_id, r.zipcode, r.lat, r.long, r.media_url, r.channel, r.ward,
    r.duplicate_of, r.parent_id";

/// The requests matching `filter`, newest first, with the extensions if asked for.
/// Photo URLs are server-relative (`/media/...`); the caller knows the origin.
pub fn query(
    connection: &Connection,
    filter: &RequestFilter,
    extensions: bool,
) -> DbResult<Vec<ServiceRequest>> {
    let (sql, values) = select(filter);
    let mut statement = connection.prepare(&sql)?;
    let rows = statement.query_map(params_from_iter(values), |row| read_row(row, extensions))?;
    let mut requests = Vec::new();
    for row in rows {
        let (id, mut request) = row?;
        let photos = photos(connection, id)?;
        if let Some(first) = photos.first() {
            request.media_url = Some(first.media_url.clone());
        }
        if let Some(extended) = request.extended_attributes.as_mut() {
            extended.photos = photos;
            request.notes = notes::for_request(connection, id)?;
        }
        requests.push(request);
    }
    Ok(requests)
}

/// The statement listing the requests that match `filter`, and its parameters.
fn select(filter: &RequestFilter) -> (String, Vec<Value>) {
    let (clauses, mut values) = conditions(filter);
    let condition = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM requests r JOIN services s ON s.code = r.service_code
         {condition} ORDER BY r.requested_ms DESC, r.id DESC LIMIT ? OFFSET ?"
    );
    values.push(Value::Integer(i64::from(filter.limit)));
    values.push(Value::Integer(
        i64::try_from(filter.offset).unwrap_or(i64::MAX),
    ));
    (sql, values)
}

fn read_row(row: &Row, extensions: bool) -> rusqlite::Result<(i64, ServiceRequest)> {
    let id: i64 = row.get(0)?;
    let status: String = row.get(1)?;
    let request_id = |value: Option<i64>| value.map(|id| ServiceRequestId::new(id.to_string()));
    let extended_attributes = if extensions {
        Some(ExtendedAttributes {
            channel: row.get(17)?,
            ward: row.get(18)?,
            duplicate: request_id(row.get(19)?),
            parent_service_request_id: request_id(row.get(20)?),
            photos: Vec::new(),
        })
    } else {
        None
    };
    let request = ServiceRequest {
        service_request_id: Some(ServiceRequestId::new(id.to_string())),
        status: Some(if status == "closed" {
            Status::Closed
        } else {
            Status::Open
        }),
        status_notes: row.get(2)?,
        service_name: row.get(3)?,
        service_code: Some(ServiceCode::new(row.get::<_, String>(4)?)),
        description: row.get(5)?,
        agency_responsible: row.get(6)?,
        service_notice: row.get(7)?,
        requested_datetime: Some(timestamp(row.get(8)?)),
        updated_datetime: Some(timestamp(row.get(9)?)),
        expected_datetime: row.get::<_, Option<i64>>(10)?.map(timestamp),
        address: row.get(11)?,
        address_id: row.get(12)?,
        zipcode: row.get(13)?,
        lat: row.get(14)?,
        long: row.get(15)?,
        media_url: row.get(16)?,
        extended_attributes,
        notes: Vec::new(),
    };
    Ok((id, request))
}

fn photos(connection: &Connection, id: i64) -> DbResult<Vec<Photo>> {
    let mut statement = connection.prepare_cached(
        "SELECT file_name, width, height FROM photos WHERE request_id = ?1 ORDER BY position",
    )?;
    let photos = statement.query_map([id], |row| {
        Ok(Photo {
            media_url: format!("{URL_PREFIX}{}", row.get::<_, String>(0)?),
            title: None,
            width: row.get(1)?,
            height: row.get(2)?,
        })
    })?;
    Ok(photos.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How SQLite would run `filter`'s query: the plan's lines, joined.
    fn plan_of(filter: &RequestFilter) -> String {
        let mut connection = Connection::open_in_memory().unwrap();
        crate::db::test_support::prepare(&mut connection);
        let (sql, values) = select(filter);
        let mut statement = connection
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let details = statement
            .query_map(params_from_iter(values), |row| row.get::<_, String>(3))
            .unwrap();
        details.map(Result::unwrap).collect::<Vec<_>>().join("\n")
    }

    fn around_state_and_jackson() -> Option<Circle> {
        Some(Circle {
            lat: 41.8781,
            long: -87.6298,
            radius_m: 200.0,
        })
    }

    #[test]
    fn a_nearby_search_for_open_requests_reads_only_open_ones_in_the_box() {
        let filter = RequestFilter {
            service_codes: vec!["pothole_in_street".to_owned()],
            requested_from_ms: Some(0),
            status: Some(Status::Open),
            within: around_state_and_jackson(),
            limit: 1000,
            ..RequestFilter::default()
        };
        let plan = plan_of(&filter);
        assert!(
            plan.contains("USING INDEX requests_by_status_place (status=? AND lat>? AND lat<?)"),
            "{plan}"
        );
    }

    #[test]
    fn a_search_by_place_alone_uses_the_place_and_ids_their_key() {
        let filter = RequestFilter {
            requested_from_ms: Some(0),
            within: around_state_and_jackson(),
            limit: 1000,
            ..RequestFilter::default()
        };
        let plan = plan_of(&filter);
        assert!(
            plan.contains("USING INDEX requests_by_place (lat>? AND lat<?)"),
            "{plan}"
        );
        let filter = RequestFilter {
            ids: Some(vec![1, 2, 3]),
            limit: 100,
            ..RequestFilter::default()
        };
        let plan = plan_of(&filter);
        assert!(
            plan.contains("USING INTEGER PRIMARY KEY (rowid=?)"),
            "{plan}"
        );
    }
}
