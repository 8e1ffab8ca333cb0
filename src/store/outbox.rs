//! The reports saved on the device, with their photos.
//!
//! Photos are stored apart from reports, so listing the outbox never reads photo bytes, and a
//! report and its photos are always written and deleted in one transaction.

use std::sync::Arc;

use open311::Draft;

use super::codec::{from_js_all, get, get_record, key, put};
use super::db::Db;
use super::error::StoreError;
use super::ids::{PhotoId, ReportId};
use super::records::{OutboxReport, StoredPhoto};
use super::schema::{BY_CREATED, BY_REPORT, OUTBOX, PHOTOS};
use crate::capture::photo::CompressedPhoto;
use crate::sync::delivery::Delivery;

/// Saves `report` with `photos` (made with [`OutboxReport::attach`]): all of it is stored, or
/// nothing is.
pub async fn save_report(
    db: &Db,
    report: &OutboxReport,
    photos: &[StoredPhoto],
) -> Result<(), StoreError> {
    if let Some(stray) = photos.iter().find(|photo| !report.owns(photo)) {
        return Err(StoreError::Other(format!(
            "photo {} is not one of report {}'s photos",
            stray.id, report.id
        )));
    }
    db.write(&[OUTBOX, PHOTOS], async |tx| {
        put(&tx.object_store(OUTBOX)?, report).await?;
        let store = tx.object_store(PHOTOS)?;
        for photo in photos {
            put(&store, photo).await?;
        }
        Ok(())
    })
    .await
}

/// Every saved report, the oldest first, without photo bytes.
pub async fn list_reports(db: &Db) -> Result<Vec<OutboxReport>, StoreError> {
    db.read(&[OUTBOX], async |tx| {
        let by_created = tx.object_store(OUTBOX)?.index(BY_CREATED)?;
        from_js_all(by_created.get_all(None, None)?.await?)
    })
    .await
}

/// The saved report with this id, if there is one.
pub async fn get_report(db: &Db, id: &ReportId) -> Result<Option<OutboxReport>, StoreError> {
    db.read(&[OUTBOX], async |tx| {
        get(&tx.object_store(OUTBOX)?, id.as_str()).await
    })
    .await
}

/// Records where the report has got to; `None` when the report is no longer saved.
pub async fn update_delivery(
    db: &Db,
    id: &ReportId,
    delivery: Delivery,
    now_ms: u64,
) -> Result<Option<OutboxReport>, StoreError> {
    modify(db, id, |report| {
        Some(OutboxReport {
            delivery,
            updated_ms: now_ms,
            ..report
        })
    })
    .await
}

/// Replaces a report the city refused with the person's fix (see [`OutboxReport::fixed`]): the
/// new draft, the saved photos they `kept`, and the `added` ones after those. Photos left out
/// are deleted with it, in the same transaction. `None` when no refused report has this id.
pub async fn replace_report(
    db: &Db,
    id: &ReportId,
    draft: Draft,
    kept: &[PhotoId],
    added: &[Arc<CompressedPhoto>],
    now_ms: u64,
) -> Result<Option<OutboxReport>, StoreError> {
    db.write(&[OUTBOX, PHOTOS], async |tx| {
        let reports = tx.object_store(OUTBOX)?;
        let Some(before) = get::<OutboxReport>(&reports, id.as_str()).await? else {
            return Ok(None);
        };
        let Some(mut fixed) = before.clone().fixed(draft, kept, now_ms) else {
            return Ok(None);
        };
        let photos = tx.object_store(PHOTOS)?;
        for dropped in before
            .photo_ids
            .iter()
            .filter(|p| !fixed.photo_ids.contains(p))
        {
            photos.delete(key(dropped.as_str()))?.await?;
        }
        for photo in added {
            put(&photos, &fixed.attach_jpeg(photo)).await?;
        }
        put(&reports, &fixed).await?;
        Ok(Some(fixed))
    })
    .await
}

/// Reads, changes and writes back a report in one transaction, so no other write lands between;
/// `change` returning `None` leaves it as it was.
async fn modify(
    db: &Db,
    id: &ReportId,
    change: impl FnOnce(OutboxReport) -> Option<OutboxReport>,
) -> Result<Option<OutboxReport>, StoreError> {
    db.write(&[OUTBOX], async |tx| {
        let store = tx.object_store(OUTBOX)?;
        let Some(changed) = get(&store, id.as_str()).await?.and_then(change) else {
            return Ok(None);
        };
        put(&store, &changed).await?;
        Ok(Some(changed))
    })
    .await
}

/// Deletes a report and its photos.
pub async fn delete_report(db: &Db, id: &ReportId) -> Result<(), StoreError> {
    db.write(&[OUTBOX, PHOTOS], async |tx| {
        let photos = tx.object_store(PHOTOS)?;
        let photo_keys = photos
            .index(BY_REPORT)?
            .get_all_keys(Some(key(id.as_str())), None)?
            .await?;
        for photo_key in photo_keys {
            photos.delete(photo_key)?.await?;
        }
        tx.object_store(OUTBOX)?.delete(key(id.as_str()))?.await?;
        Ok(())
    })
    .await
}

/// One photo, with its bytes.
pub async fn photo(db: &Db, id: &PhotoId) -> Result<Option<StoredPhoto>, StoreError> {
    get_record(db, PHOTOS, id.as_str()).await
}

/// The photos of a report with their bytes, in the order they were taken.
pub async fn photos_of(db: &Db, report_id: &ReportId) -> Result<Vec<StoredPhoto>, StoreError> {
    db.read(&[OUTBOX, PHOTOS], async |tx| {
        let report: Option<OutboxReport> =
            get(&tx.object_store(OUTBOX)?, report_id.as_str()).await?;
        let store = tx.object_store(PHOTOS)?;
        let mut photos = Vec::new();
        for photo_id in report.iter().flat_map(|report| &report.photo_ids) {
            photos.extend(get(&store, photo_id.as_str()).await?);
        }
        Ok(photos)
    })
    .await
}
