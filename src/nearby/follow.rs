//! Following an existing request instead of filing the same problem again.

use open311::ServiceRequestId;

use crate::store::{StoreError, TrackedRequest, tracked};

/// Adds request `id` to "My reports" from `now_ms`, unless the person follows it already
/// (their history with it stays as it is).
pub async fn follow(
    db: &crate::store::Db,
    id: &ServiceRequestId,
    now_ms: u64,
) -> Result<(), StoreError> {
    tracked::follow_if_absent(db, &TrackedRequest::new(id.clone(), now_ms)).await?;
    Ok(())
}
