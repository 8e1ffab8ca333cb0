//! Filing a request at most once per `Idempotency-Key`.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::requests::{self, NewRequest};
use super::{DbError, tokens};

/// How a client retrying after a lost answer is recognised.
pub struct Idempotency<'a> {
    pub key: &'a str,
    /// Of the request body; see [`crate::idempotency::fingerprint`].
    pub fingerprint: &'a str,
}

/// What the client is told: the id, and the token in token mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filed {
    pub request_id: i64,
    pub token: Option<String>,
    /// True when nothing new was stored: the key had already filed this request.
    pub replayed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("the idempotency key was used for a different request")]
    KeyReused,
}

impl From<rusqlite::Error> for FileError {
    fn from(error: rusqlite::Error) -> Self {
        FileError::Db(error.into())
    }
}

/// Files `new` (with a token if `with_token`) unless `idempotency` names a key already
/// used, in which case the earlier answer comes back. The check and the insert share
/// one write transaction, and the key is UNIQUE, so racing duplicates store one request.
pub fn file_once(
    connection: &mut Connection,
    new: &NewRequest,
    idempotency: Option<&Idempotency>,
    with_token: bool,
) -> Result<Filed, FileError> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(idempotency) = idempotency {
        let earlier: Option<(String, i64, Option<String>)> = transaction
            .query_row(
                "SELECT fingerprint, request_id, token FROM idempotency WHERE key = ?1",
                [idempotency.key],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        if let Some((fingerprint, request_id, token)) = earlier {
            return if fingerprint == idempotency.fingerprint {
                Ok(Filed {
                    request_id,
                    token,
                    replayed: true,
                })
            } else {
                Err(FileError::KeyReused)
            };
        }
    }
    let request_id = requests::insert(&transaction, new)?;
    let token = if with_token {
        Some(tokens::create(&transaction, request_id, new.requested_ms)?)
    } else {
        None
    };
    if let Some(idempotency) = idempotency {
        transaction.execute(
            "INSERT INTO idempotency (key, fingerprint, request_id, token, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                idempotency.key,
                idempotency.fingerprint,
                request_id,
                token,
                new.requested_ms
            ],
        )?;
    }
    transaction.commit()?;
    Ok(Filed {
        request_id,
        token,
        replayed: false,
    })
}
