//! "Follow a request": any request id joins the tracker, as Chicago's tracker allowed.

use open311::{ServiceRequest, ServiceRequestId};

use crate::catalogue::Catalogue;
use crate::client::{ClientError, http};
use crate::store::{Db, StoreError, TrackedRequest, tracked};
use crate::time::now_ms;

/// What following an id came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Followed {
    /// The server knows it, and it is now followed.
    Added,
    /// The server could not be asked (the sentence says why); it is followed, and checked at
    /// the next refresh.
    AddedUnchecked(String),
    /// It was followed already.
    Already,
    /// The server has no request with this id; nothing was added.
    Unknown,
}

/// Follows the request `id`, asking the server for it first.
pub async fn follow(
    db: &Db,
    catalogue: &Catalogue,
    id: ServiceRequestId,
) -> Result<Followed, StoreError> {
    if tracked::get_tracked(db, &id).await?.is_some() {
        return Ok(Followed::Already);
    }
    let endpoints = catalogue.endpoints().await;
    let url = endpoints.requests(&[("service_request_id", id.as_str()), ("extensions", "true")]);
    let answer = http::get(&url, &[])
        .await
        .and_then(|answer| answer.decode::<ServiceRequest>(endpoints.format()));
    let now = now_ms();
    let followed = match answer {
        Ok(found) => {
            let Some(request) = found
                .into_iter()
                .find(|r| r.service_request_id.as_ref() == Some(&id))
            else {
                return Ok(Followed::Unknown);
            };
            let tracked = TrackedRequest {
                request: Some(request),
                refreshed_ms: Some(now),
                ..TrackedRequest::new(id, now)
            };
            if !tracked::follow_if_absent(db, &tracked).await? {
                return Ok(Followed::Already);
            }
            Followed::Added
        }
        Err(ClientError::Status { status: 404, .. }) => return Ok(Followed::Unknown),
        Err(error) => {
            if !tracked::follow_if_absent(db, &TrackedRequest::new(id, now)).await? {
                return Ok(Followed::Already);
            }
            Followed::AddedUnchecked(error.user_message())
        }
    };
    Ok(followed)
}
