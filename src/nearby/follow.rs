//! Following an existing request instead of filing the same problem again.

use open311::ServiceRequestId;

use crate::client::endpoints::segment;
use crate::store::{StoreError, TrackedRequest, tracked};

/// Adds request `id` to "My reports" from `now_ms`, unless the person follows it already
/// (their history with it stays as it is).
pub async fn follow(
    db: &crate::store::Db,
    id: &ServiceRequestId,
    now_ms: u64,
) -> Result<(), StoreError> {
    if tracked::get_tracked(db, id).await?.is_none() {
        tracked::put_tracked(db, &TrackedRequest::new(id.clone(), now_ms)).await?;
    }
    Ok(())
}

/// The tracker's page of request `id`.
pub fn tracker_path(id: &ServiceRequestId) -> String {
    format!("/reports/{}", segment(id.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tracker_page_is_named_by_the_request_id() {
        assert_eq!(tracker_path(&ServiceRequestId::new("1")), "/reports/1");
        assert_eq!(
            tracker_path(&ServiceRequestId::new("12-00/34")),
            "/reports/12-00%2F34"
        );
    }
}
