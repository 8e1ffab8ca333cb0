//! The requests the person follows.

use open311::{ServiceRequest, ServiceRequestId};
use serde::{Deserialize, Serialize};

use crate::store::Db;
use crate::store::StoreError;
use crate::store::codec::{all_records, delete_record, get, get_record, put, put_record};
use crate::store::schema::TRACKED;

/// A request the person follows in the tracker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackedRequest {
    /// The city's id of the request.
    pub id: ServiceRequestId,
    /// When the person started following it (milliseconds since the epoch).
    pub followed_ms: u64,
    /// The request as the city last described it, if it has been fetched.
    pub request: Option<ServiceRequest>,
    /// When it was last fetched (milliseconds since the epoch).
    pub refreshed_ms: Option<u64>,
    /// Changes fetched since the person last looked.
    pub unseen_changes: u32,
}

impl TrackedRequest {
    /// A request followed from `now_ms`, not fetched yet.
    pub fn new(id: ServiceRequestId, now_ms: u64) -> Self {
        TrackedRequest {
            id,
            followed_ms: now_ms,
            request: None,
            refreshed_ms: None,
            unseen_changes: 0,
        }
    }
}

/// Stores a followed request, replacing the one with its id.
pub async fn put_tracked(db: &Db, tracked: &TrackedRequest) -> Result<(), StoreError> {
    put_record(db, TRACKED, tracked).await
}

/// Follows `tracked` unless its request is followed already, deciding in the transaction that
/// writes (two quick taps on "Follow" keep one record, and the person's history with it stays
/// as it is); returns whether it was added.
pub async fn follow_if_absent(db: &Db, tracked: &TrackedRequest) -> Result<bool, StoreError> {
    db.write(&[TRACKED], async |tx| {
        let store = tx.object_store(TRACKED)?;
        if get::<TrackedRequest>(&store, tracked.id.as_str())
            .await?
            .is_some()
        {
            return Ok(false);
        }
        put(&store, tracked).await?;
        Ok(true)
    })
    .await
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

/// Applies `change` to each followed request in `ids` in one transaction, so a request the
/// person stops following meanwhile is not written back; returns what `change` returned for
/// each request still followed.
pub async fn update_each<T>(
    db: &Db,
    ids: &[ServiceRequestId],
    mut change: impl FnMut(TrackedRequest) -> (TrackedRequest, T),
) -> Result<Vec<T>, StoreError> {
    db.write(&[TRACKED], async |tx| {
        let store = tx.object_store(TRACKED)?;
        let mut results = Vec::new();
        for id in ids {
            if let Some(tracked) = get::<TrackedRequest>(&store, id.as_str()).await? {
                let (changed, result) = change(tracked);
                put(&store, &changed).await?;
                results.push(result);
            }
        }
        Ok(results)
    })
    .await
}

/// Stops following a request.
pub async fn delete_tracked(db: &Db, id: &ServiceRequestId) -> Result<(), StoreError> {
    delete_record(db, TRACKED, id.as_str()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_followed_request_starts_unfetched() {
        let tracked = TrackedRequest::new(ServiceRequestId::new("638344"), 7);
        assert_eq!(tracked.followed_ms, 7);
        assert_eq!((tracked.request, tracked.refreshed_ms), (None, None));
        assert_eq!(tracked.unseen_changes, 0);
    }
}
