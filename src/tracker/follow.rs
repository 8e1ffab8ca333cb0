//! Following requests, and letting go of them: the tracker writes the followed requests and
//! tells its screens, so no caller has to remember either. "Follow a request" takes any id, as
//! Chicago's tracker allowed.

use open311::{ServiceRequest, ServiceRequestId};

use super::Tracker;
use crate::client::{ClientError, http};
use crate::store::StoreError;
use crate::time::now_ms;
use crate::tracker::TrackedRequest;
use crate::tracker::followed;
use crate::user_message::UserMessage;

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

impl Tracker {
    /// Follows the request `id`, asking the server for it first.
    pub async fn follow(&self, id: ServiceRequestId) -> Result<Followed, StoreError> {
        let followed = self.follow_checked(id).await;
        self.changed().await;
        followed
    }

    async fn follow_checked(&self, id: ServiceRequestId) -> Result<Followed, StoreError> {
        let db = self.db();
        if followed::get_tracked(db, &id).await?.is_some() {
            return Ok(Followed::Already);
        }
        let endpoints = self.catalogue().endpoints().await;
        let url =
            endpoints.requests(&[("service_request_id", id.as_str()), ("extensions", "true")]);
        let answer = http::get(&url, &[])
            .await
            .and_then(|answer| answer.decode::<ServiceRequest>(endpoints.format()));
        let now = now_ms();
        let (tracked, followed) = match answer {
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
                (tracked, Followed::Added)
            }
            Err(ClientError::Status { status: 404, .. }) => return Ok(Followed::Unknown),
            Err(error) => (
                TrackedRequest::new(id, now),
                Followed::AddedUnchecked(error.user_message()),
            ),
        };
        // Another tap may have followed it while the server was asked.
        if followed::follow_if_absent(db, &tracked).await? {
            Ok(followed)
        } else {
            Ok(Followed::Already)
        }
    }

    /// Follows the request `id` without asking the server first (it was just listed nearby),
    /// and fetches its status and notes at once rather than at the next turn.
    pub async fn follow_listed(&self, id: &ServiceRequestId) -> Result<(), StoreError> {
        followed::follow_if_absent(self.db(), &TrackedRequest::new(id.clone(), now_ms())).await?;
        self.changed().await;
        self.refresh();
        Ok(())
    }

    /// Stops following the request `id`: it leaves My reports.
    pub async fn unfollow(&self, id: &ServiceRequestId) -> Result<(), StoreError> {
        followed::delete_tracked(self.db(), id).await?;
        self.changed().await;
        Ok(())
    }

    /// The followed request `id`, its changes marked as seen: the person is looking at them.
    /// None when it is not followed.
    pub async fn mark_seen(
        &self,
        id: &ServiceRequestId,
    ) -> Result<Option<TrackedRequest>, StoreError> {
        let followed = followed::get_tracked(self.db(), id).await?;
        if followed.as_ref().is_none_or(|t| t.unseen_changes == 0) {
            return Ok(followed);
        }
        let seen = |t: TrackedRequest| {
            let seen = TrackedRequest {
                unseen_changes: 0,
                ..t
            };
            (seen.clone(), seen)
        };
        let seen = followed::update_each(self.db(), std::slice::from_ref(id), seen)
            .await?
            .pop();
        self.changed().await;
        Ok(seen)
    }
}
