//! Filing a report: saved on the device first, always, with its photos and in place of its
//! draft, then handed to the sync. Each report carries the identity its form was given when it
//! opened, so a second filing of it (a double tap) files nothing more.

use std::sync::Arc;

use open311::Draft;

use super::send_triggers;
use crate::capture::photo::CompressedPhoto;
use crate::outbox::OutboxReport;
use crate::outbox::ReportIdentity;
use crate::outbox::remembered_contact;
use crate::outbox::reports;
use crate::session::Session;
use crate::store::{PhotoId, StoreError};
use crate::time::now_ms;
use crate::user_message::UserMessage;

/// A report that passed validation, as the person sends it.
#[derive(Clone, Debug)]
pub struct Submission {
    /// Given when the form opened: every tap sends the same report.
    pub identity: ReportIdentity,
    pub draft: Draft,
    /// For showing the report before it reaches the city.
    pub service_name: String,
}

/// A photo ready to go with the report.
#[derive(Clone, Debug)]
pub struct ReadyPhoto {
    /// Given when it was ready, so that the draft and the report keep it under one id.
    pub id: PhotoId,
    pub photo: Arc<CompressedPhoto>,
    /// It was saved with the refused report being fixed (not added since).
    pub saved: bool,
}

/// Said when the report is no longer the city's refusal to fix: sent again from another
/// window, or deleted.
pub const NOT_REFUSED: &str = "This report no longer needs fixing: it has already been sent again.";

/// Why a report could not be filed; the form stays as it is, nothing lost.
#[derive(Debug, thiserror::Error)]
pub enum FilingError {
    /// The refused report was sent again from another window, or deleted.
    #[error("the report no longer needs fixing")]
    NotRefused,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl UserMessage for FilingError {
    /// A sentence for the resident.
    fn user_message(&self) -> String {
        match self {
            FilingError::NotRefused => NOT_REFUSED.to_owned(),
            FilingError::Store(error) => error.user_message(),
        }
    }
}

/// Files a new report with `photos`, and asks for it to be sent.
pub async fn file(
    session: &Session,
    submission: Submission,
    photos: &[ReadyPhoto],
) -> Result<(), FilingError> {
    let Submission {
        identity,
        draft,
        service_name,
    } = submission;
    let mut report = OutboxReport::new(identity, service_name, draft, now_ms());
    let stored: Vec<_> = photos
        .iter()
        .map(|p| report.attach_jpeg_as(p.id.clone(), &p.photo))
        .collect();
    // Filed now, or by an earlier tap: either way it is in the outbox, once.
    reports::save_report(&session.db, &report, &stored).await?;
    // Remembered for the next report; not worth failing the filing over.
    let _ = remembered_contact::put_contact(&session.db, &report.draft.contact).await;
    send_triggers::report_saved(&session.sync);
    Ok(())
}

/// Sends a refused report again as the person fixed it: its photos saved with it that they
/// kept, then those they added.
pub async fn refile(
    session: &Session,
    submission: Submission,
    photos: &[ReadyPhoto],
) -> Result<(), FilingError> {
    let kept: Vec<PhotoId> = photos
        .iter()
        .filter(|p| p.saved)
        .map(|p| p.id.clone())
        .collect();
    let added: Vec<_> = photos
        .iter()
        .filter(|p| !p.saved)
        .map(|p| p.photo.clone())
        .collect();
    let Submission {
        identity, draft, ..
    } = submission;
    // Sent again now, or by an earlier tap under the same key.
    reports::replace_report(
        &session.db,
        &identity.id,
        &identity.idempotency_key,
        draft,
        &kept,
        &added,
        now_ms(),
    )
    .await?
    .ok_or(FilingError::NotRefused)?;
    send_triggers::report_saved(&session.sync);
    Ok(())
}
