//! The requests the person follows.

use open311::ServiceRequestId;

use super::codec::{all_records, delete_record, get_record, put_record};
use super::db::Db;
use super::error::StoreError;
use super::records::TrackedRequest;
use super::schema::TRACKED;

/// Stores a followed request, replacing the one with its id.
pub async fn put_tracked(db: &Db, tracked: &TrackedRequest) -> Result<(), StoreError> {
    put_record(db, TRACKED, tracked).await
}

/// The followed request with this id, if the person follows it.
pub async fn get_tracked(
    db: &Db,
    id: &ServiceRequestId,
) -> Result<Option<TrackedRequest>, StoreError> {
    get_record(db, TRACKED, id.as_str()).await
}

/// Every followed request, the one followed longest first.
pub async fn list_tracked(db: &Db) -> Result<Vec<TrackedRequest>, StoreError> {
    let mut tracked: Vec<TrackedRequest> = all_records(db, TRACKED).await?;
    tracked.sort_by_key(|request| request.followed_ms);
    Ok(tracked)
}

/// Stops following a request.
pub async fn delete_tracked(db: &Db, id: &ServiceRequestId) -> Result<(), StoreError> {
    delete_record(db, TRACKED, id.as_str()).await
}
