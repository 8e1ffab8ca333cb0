//! SQLite storage. Blocking calls run on tokio's blocking pool; one connection writes
//! (SQLite allows one writer at a time anyway) while readers use their own connections,
//! which WAL mode lets read alongside the writer.

pub mod idempotency;
pub mod meta;
pub mod notes;
pub mod requests;
mod schema;
pub mod services;
pub mod tokens;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use open311::Timestamp;
use rusqlite::Connection;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
}

pub type DbResult<T> = Result<T, DbError>;

/// How long a connection waits for another one's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Idle read connections kept for reuse.
const MAX_IDLE_READERS: usize = 8;

pub struct Db {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic inside a closure leaves SQLite consistent (its transaction rolls back on
    // drop), so the connection behind a poisoned lock is still good.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Db {
    /// Opens (creating and migrating if needed) the database at `path`.
    pub fn open(path: &Path) -> DbResult<Arc<Db>> {
        let mut writer = connect(path)?;
        schema::migrate(&mut writer)?;
        let db = Db {
            path: path.to_owned(),
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
        };
        Ok(Arc::new(db))
    }

    /// Runs `work` with the write connection, off the async threads.
    pub async fn write<T, F>(self: &Arc<Self>, work: F) -> T
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> T + Send + 'static,
    {
        let db = Arc::clone(self);
        blocking(move || work(&mut lock(&db.writer))).await
    }

    /// Runs `work` with a read connection, off the async threads.
    pub async fn read<T, F>(self: &Arc<Self>, work: F) -> DbResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> DbResult<T> + Send + 'static,
    {
        let db = Arc::clone(self);
        blocking(move || {
            let reused = lock(&db.readers).pop();
            let connection = match reused {
                Some(connection) => connection,
                None => connect(&db.path)?,
            };
            let result = work(&connection);
            let mut idle = lock(&db.readers);
            if idle.len() < MAX_IDLE_READERS {
                idle.push(connection);
            }
            result
        })
        .await
    }
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

fn connect(path: &Path) -> DbResult<Connection> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    // WAL: readers never block the writer nor the writer them; NORMAL sync is durable
    // across application crashes, which is what a reference server needs.
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "NORMAL")?;
    connection.pragma_update(None, "foreign_keys", true)?;
    schema::register_functions(&connection)?;
    Ok(connection)
}

/// Milliseconds since the Unix epoch: how times are stored, so ranges compare as integers.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

pub fn timestamp(ms: i64) -> Timestamp {
    let utc = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
    Timestamp(utc.fixed_offset())
}

#[cfg(test)]
pub mod test_support {
    use rusqlite::Connection;

    /// An in-memory database as `Db::open` prepares one.
    pub fn prepare(connection: &mut Connection) {
        super::schema::register_functions(connection).unwrap();
        super::schema::migrate(connection).unwrap();
    }
}
