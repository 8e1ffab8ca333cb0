//! The database's object stores, and the ordered steps that build them.

use idb::event::VersionChangeEvent;
use idb::{Database, DatabaseEvent, Event, KeyPath, ObjectStore, ObjectStoreParams, Request};
use idb::{Error, Transaction};

use super::error::StoreError;

/// Reports waiting for or on their way to the city, keyed by `id`.
pub(crate) const OUTBOX: &str = "outbox";
/// Photo bytes, keyed by `id`; apart from the outbox so listing reports never reads them.
pub(crate) const PHOTOS: &str = "photos";
/// What was fetched from the city's server, keyed by `key`.
pub(crate) const CATALOGUE: &str = "catalogue";
/// Requests the person follows, keyed by the city's request id.
pub(crate) const TRACKED: &str = "tracked";
/// The person's preferences, keyed by `key`.
pub(crate) const SETTINGS: &str = "settings";
/// Reports being written, keyed by `id` (the id the report will be filed under); their photos
/// are in the photos store under that id. From version 2.
pub(crate) const DRAFTS: &str = "drafts";

/// The outbox index (and field) that orders reports by when they were first saved.
pub(crate) const BY_CREATED: &str = "created_ms";
/// The photos index (and field) that finds a report's photos.
pub(crate) const BY_REPORT: &str = "report_id";
/// The drafts index (and field) that finds the draft of a service's form.
pub(crate) const BY_SERVICE: &str = "service_code";

/// One change of schema, run inside the upgrade transaction. It gets the transaction too, so a
/// step can rewrite existing records as well as create stores.
type Step = fn(&Database, &Transaction) -> Result<(), Error>;

/// Step `n` takes the database from version `n` to `n + 1`. A step that has shipped never
/// changes: a new schema is a new step at the end, and [`VERSION`] follows.
const STEPS: &[Step] = &[create_stores, create_drafts];

/// The schema version this build of the app reads and writes.
pub const VERSION: u32 = STEPS.len() as u32;

/// The steps from version `old` to version `new`; `None` when no such steps exist.
fn steps(old: u32, new: u32) -> Option<&'static [Step]> {
    STEPS.get(usize::try_from(old).ok()?..usize::try_from(new).ok()?)
}

/// Runs the steps an `upgradeneeded` event asks for.
pub(crate) fn upgrade(event: &VersionChangeEvent) -> Result<(), StoreError> {
    let old = event.old_version()?;
    let new = event.new_version()?.unwrap_or(old);
    let steps = steps(old, new).ok_or_else(|| {
        StoreError::Other(format!("no schema step leads from version {old} to {new}"))
    })?;
    let database = event.database()?;
    let transaction = event.target()?.transaction().ok_or_else(|| {
        StoreError::Other("an upgrade arrived without its transaction".to_owned())
    })?;
    for step in steps {
        step(&database, &transaction)?;
    }
    Ok(())
}

/// Version 1: every store the app started with.
fn create_stores(database: &Database, _: &Transaction) -> Result<(), Error> {
    let outbox = create_store(database, OUTBOX, "id")?;
    outbox.create_index(BY_CREATED, KeyPath::new_single(BY_CREATED), None)?;
    let photos = create_store(database, PHOTOS, "id")?;
    photos.create_index(BY_REPORT, KeyPath::new_single(BY_REPORT), None)?;
    create_store(database, CATALOGUE, "key")?;
    create_store(database, TRACKED, "id")?;
    create_store(database, SETTINGS, "key")?;
    Ok(())
}

/// Version 2: drafts, so that a report being written outlives its tab. Records of version 1
/// are untouched.
fn create_drafts(database: &Database, _: &Transaction) -> Result<(), Error> {
    let drafts = create_store(database, DRAFTS, "id")?;
    drafts.create_index(BY_SERVICE, KeyPath::new_single(BY_SERVICE), None)?;
    Ok(())
}

/// Creates a store whose records carry their own key in the field `key_path`.
fn create_store(database: &Database, name: &str, key_path: &str) -> Result<ObjectStore, Error> {
    let mut params = ObjectStoreParams::new();
    params.key_path(Some(KeyPath::new_single(key_path)));
    database.create_object_store(name, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_the_number_of_steps() {
        assert_eq!(steps(0, VERSION).map(<[Step]>::len), Some(STEPS.len()));
        assert_eq!(steps(VERSION, VERSION).map(<[Step]>::len), Some(0));
    }

    #[test]
    fn there_is_no_way_to_a_version_without_steps() {
        assert!(steps(VERSION, VERSION + 1).is_none());
        assert!(steps(VERSION + 1, VERSION).is_none());
    }
}
