//! The schema, as an ordered list of migrations tracked by SQLite's `user_version`.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

use super::DbResult;
use crate::geo;

/// Each entry moves the schema one version up; entries are never edited once released.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Services are kept as their GeoReport documents: they are read whole and never queried
-- by field, and the model crate owns their encoding.
CREATE TABLE services (
    code            TEXT PRIMARY KEY,
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    agency          TEXT,
    service_notice  TEXT,
    expected_days   INTEGER,
    service_doc     TEXT NOT NULL,
    definition_doc  TEXT
) STRICT;

CREATE TABLE requests (
    id                  INTEGER PRIMARY KEY,
    service_code        TEXT NOT NULL REFERENCES services(code),
    status              TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    status_notes        TEXT,
    description         TEXT,
    agency_responsible  TEXT,
    service_notice      TEXT,
    requested_ms        INTEGER NOT NULL,
    updated_ms          INTEGER NOT NULL,
    expected_ms         INTEGER,
    address             TEXT,
    address_id          TEXT,
    zipcode             TEXT,
    lat                 REAL,
    long                REAL,
    media_url           TEXT,
    email               TEXT,
    first_name          TEXT,
    last_name           TEXT,
    phone               TEXT,
    device_id           TEXT,
    account_id          TEXT,
    channel             TEXT,
    ward                TEXT,
    duplicate_of        INTEGER REFERENCES requests(id),
    parent_id           INTEGER REFERENCES requests(id)
) STRICT;
CREATE INDEX requests_by_requested ON requests (requested_ms);
CREATE INDEX requests_by_updated ON requests (updated_ms);
CREATE INDEX requests_by_place ON requests (lat, long);

CREATE TABLE request_attributes (
    request_id  INTEGER NOT NULL REFERENCES requests(id),
    code        TEXT NOT NULL,
    position    INTEGER NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (request_id, code, position)
) STRICT;

CREATE TABLE photos (
    request_id  INTEGER NOT NULL REFERENCES requests(id),
    position    INTEGER NOT NULL,
    file_name   TEXT NOT NULL UNIQUE,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    PRIMARY KEY (request_id, position)
) STRICT;

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests(id),
    at_ms       INTEGER NOT NULL,
    note_type   TEXT NOT NULL,
    summary     TEXT,
    description TEXT
) STRICT;
CREATE INDEX notes_by_request ON notes (request_id, at_ms);

CREATE TABLE tokens (
    token       TEXT PRIMARY KEY,
    request_id  INTEGER NOT NULL UNIQUE REFERENCES requests(id),
    created_ms  INTEGER NOT NULL
) STRICT;

-- The key is UNIQUE so that two identical POSTs racing each other store one request.
CREATE TABLE idempotency (
    key          TEXT PRIMARY KEY,
    fingerprint  TEXT NOT NULL,
    request_id   INTEGER NOT NULL REFERENCES requests(id),
    token        TEXT,
    created_ms   INTEGER NOT NULL
) STRICT;
"#,
    r#"
-- Nearby searches ask for open requests. Closed ones pile up year after year while the open
-- backlog stays about the same size, so leading with the status keeps such a search to the
-- open requests of its band of latitude rather than every request ever filed there.
CREATE INDEX requests_by_status_place ON requests (status, lat, long);
"#,
];

pub fn migrate(connection: &mut Connection) -> DbResult<()> {
    let transaction =
        connection.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    let version: usize = transaction.pragma_query_value(None, "user_version", |row| row.get(0))?;
    for migration in MIGRATIONS.iter().skip(version) {
        transaction.execute_batch(migration)?;
    }
    transaction.pragma_update(None, "user_version", MIGRATIONS.len())?;
    transaction.commit()?;
    Ok(())
}

/// `distance_m(lat1, long1, lat2, long2)`: great-circle metres, for the radius filter.
pub fn register_functions(connection: &Connection) -> DbResult<()> {
    connection.create_scalar_function(
        "distance_m",
        4,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(geo::distance_m(
                ctx.get(0)?,
                ctx.get(1)?,
                ctx.get(2)?,
                ctx.get(3)?,
            ))
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_is_harmless() {
        let mut connection = Connection::open_in_memory().unwrap();
        migrate(&mut connection).unwrap();
        migrate(&mut connection).unwrap();
        let version: usize = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len());
    }

    #[test]
    fn distance_function_is_available_in_sql() {
        let connection = Connection::open_in_memory().unwrap();
        register_functions(&connection).unwrap();
        let d: f64 = connection
            .query_row("SELECT distance_m(41.0, -87.0, 42.0, -87.0)", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert!((d - 111_195.0).abs() < 50.0);
    }
}
