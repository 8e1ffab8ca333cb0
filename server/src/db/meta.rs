//! Facts about the city this server stands for, fixed when the database is seeded.

use rusqlite::{Connection, OptionalExtension, params};

use super::{DbError, DbResult};

/// What discovery and the jurisdiction check need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pub jurisdiction_id: String,
    pub contact: String,
    pub key_service: String,
    /// When the service list last changed (RFC 3339); clients drop cached definitions
    /// when it moves.
    pub changeset: String,
}

const KEYS: [&str; 4] = ["jurisdiction_id", "contact", "key_service", "changeset"];

pub fn store_site(connection: &Connection, site: &Site) -> DbResult<()> {
    let values = [
        &site.jurisdiction_id,
        &site.contact,
        &site.key_service,
        &site.changeset,
    ];
    for (key, value) in KEYS.iter().zip(values) {
        connection.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
            params![key, value],
        )?;
    }
    Ok(())
}

/// The stored site, or `None` before the database is seeded.
pub fn site(connection: &Connection) -> DbResult<Option<Site>> {
    let mut values = Vec::with_capacity(KEYS.len());
    for key in KEYS {
        let value: Option<String> = connection
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?;
        match value {
            Some(value) => values.push(value),
            None if values.is_empty() => return Ok(None),
            None => return Err(DbError::Corrupt(format!("meta key {key} is missing"))),
        }
    }
    let [jurisdiction_id, contact, key_service, changeset] =
        <[String; 4]>::try_from(values).expect("one value per key");
    Ok(Some(Site {
        jurisdiction_id,
        contact,
        key_service,
        changeset,
    }))
}
