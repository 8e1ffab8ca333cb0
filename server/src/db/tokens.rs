//! Tokens: what a batch server answers first, traded later for the request's id.

use rusqlite::{Connection, OptionalExtension, params};

use super::DbResult;
use crate::random;

pub fn create(connection: &Connection, request_id: i64, at_ms: i64) -> DbResult<String> {
    let token = random::hex(16);
    connection.execute(
        "INSERT INTO tokens (token, request_id, created_ms) VALUES (?1, ?2, ?3)",
        params![token, request_id, at_ms],
    )?;
    Ok(token)
}

/// The request behind a token and when the token was made.
pub fn find(connection: &Connection, token: &str) -> DbResult<Option<(i64, i64)>> {
    Ok(connection
        .query_row(
            "SELECT request_id, created_ms FROM tokens WHERE token = ?1",
            [token],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?)
}
