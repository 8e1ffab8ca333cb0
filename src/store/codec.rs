//! Records to and from the JS values IndexedDB keeps, and the reads and writes every store
//! shares.

use idb::{ObjectStore, Query};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::JsValue;

use super::db::Db;
use super::error::StoreError;

/// Maps become plain objects, readable in the browser's storage inspector; bytes stay
/// `Uint8Array`s (the default), which IndexedDB keeps as raw bytes.
const SERIALIZER: Serializer = Serializer::new().serialize_maps_as_objects(true);

/// The JS value a record is stored as.
fn to_js<T: Serialize>(record: &T) -> Result<JsValue, StoreError> {
    Ok(record.serialize(&SERIALIZER)?)
}

/// The record a stored JS value holds.
fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, StoreError> {
    Ok(serde_wasm_bindgen::from_value(value)?)
}

/// The IndexedDB key of a text id.
pub(crate) fn key(id: &str) -> Query {
    Query::Key(JsValue::from_str(id))
}

/// Writes `record` into `store`, in place of any record with its key.
pub(crate) async fn put<T: Serialize>(store: &ObjectStore, record: &T) -> Result<(), StoreError> {
    store.put(&to_js(record)?, None)?.await?;
    Ok(())
}

/// The record of `store` under `id`, if there is one.
pub(crate) async fn get<T: DeserializeOwned>(
    store: &ObjectStore,
    id: &str,
) -> Result<Option<T>, StoreError> {
    store.get(key(id))?.await?.map(from_js).transpose()
}

/// The records a `getAll` request returned.
pub(crate) fn from_js_all<T: DeserializeOwned>(values: Vec<JsValue>) -> Result<Vec<T>, StoreError> {
    values.into_iter().map(from_js).collect()
}

/// Writes `record` into the store `store` in a transaction of its own.
pub(crate) async fn put_record<T: Serialize>(
    db: &Db,
    store: &str,
    record: &T,
) -> Result<(), StoreError> {
    db.write(&[store], async |tx| {
        put(&tx.object_store(store)?, record).await
    })
    .await
}

/// The record of the store `store` under `id`, read in a transaction of its own.
pub(crate) async fn get_record<T: DeserializeOwned>(
    db: &Db,
    store: &str,
    id: &str,
) -> Result<Option<T>, StoreError> {
    db.read(&[store], async |tx| get(&tx.object_store(store)?, id).await)
        .await
}

/// Every record of the store `store`, in key order.
pub(crate) async fn all_records<T: DeserializeOwned>(
    db: &Db,
    store: &str,
) -> Result<Vec<T>, StoreError> {
    db.read(&[store], async |tx| {
        from_js_all(tx.object_store(store)?.get_all(None, None)?.await?)
    })
    .await
}

/// Deletes the record of the store `store` under `id`, if there is one.
pub(crate) async fn delete_record(db: &Db, store: &str, id: &str) -> Result<(), StoreError> {
    db.write(&[store], async |tx| {
        tx.object_store(store)?.delete(key(id))?.await?;
        Ok(())
    })
    .await
}
