//! The timeline of a request: what `extensions=true` shows as `notes`.

use open311::{Note, NoteType};
use rusqlite::{Connection, params};

use super::{DbResult, timestamp};

pub struct NewNote {
    pub note_type: NoteType,
    pub summary: Option<String>,
    pub description: Option<String>,
}

/// Appends a note; the request's `updated_datetime` moves with it.
pub fn add(connection: &Connection, request_id: i64, at_ms: i64, note: &NewNote) -> DbResult<()> {
    connection.execute(
        "INSERT INTO notes (request_id, at_ms, note_type, summary, description)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            request_id,
            at_ms,
            note.note_type.as_str(),
            note.summary,
            note.description
        ],
    )?;
    connection.execute(
        "UPDATE requests SET updated_ms = MAX(updated_ms, ?2) WHERE id = ?1",
        params![request_id, at_ms],
    )?;
    Ok(())
}

/// Oldest first, as a timeline reads.
pub fn for_request(connection: &Connection, request_id: i64) -> DbResult<Vec<Note>> {
    let mut statement = connection.prepare_cached(
        "SELECT at_ms, note_type, summary, description FROM notes
         WHERE request_id = ?1 ORDER BY at_ms, id",
    )?;
    let notes = statement.query_map([request_id], |row| {
        Ok(Note {
            datetime: Some(timestamp(row.get(0)?)),
            note_type: NoteType::from(row.get::<_, String>(1)?.as_str()),
            summary: row.get(2)?,
            description: row.get(3)?,
        })
    })?;
    Ok(notes.collect::<Result<_, _>>()?)
}
