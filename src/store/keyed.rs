//! Single values kept under a name, in the stores whose key path is `key`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::codec::{get_record, put_record};
use super::db::Db;
use super::error::StoreError;

/// How a named value is stored.
#[derive(Serialize, Deserialize)]
struct Keyed<T> {
    key: String,
    value: T,
}

/// Stores `value` under `key` in `store`, replacing what was there.
pub(crate) async fn put_value<T: Serialize>(
    db: &Db,
    store: &str,
    key: &str,
    value: &T,
) -> Result<(), StoreError> {
    let record = Keyed {
        key: key.to_owned(),
        value,
    };
    put_record(db, store, &record).await
}

/// The value stored under `key` in `store`, if any.
pub(crate) async fn get_value<T: DeserializeOwned>(
    db: &Db,
    store: &str,
    key: &str,
) -> Result<Option<T>, StoreError> {
    let record: Option<Keyed<T>> = get_record(db, store, key).await?;
    Ok(record.map(|record| record.value))
}
