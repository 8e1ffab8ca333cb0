//! The reports saved on the device, with their photos.
//!
//! Photos are stored apart from reports, so listing the outbox never reads photo bytes, and a
//! report and its photos are always written and deleted in one transaction.

use std::sync::Arc;

use open311::Draft;

use super::delivery::Delivery;
use super::drafts::{Allowed, Written, allowed, check_owned, keep_photos, photos_in_order};
use super::records::{OutboxReport, StoredPhoto};
use crate::capture::photo::CompressedPhoto;
use crate::store::Db;
use crate::store::StoreError;
use crate::store::codec::{from_js_all, get, get_record, key, put};
use crate::store::schema::{BY_CREATED, BY_REPORT, DRAFTS, OUTBOX, PHOTOS};
use crate::store::{IdempotencyKey, PhotoId, ReportId};

/// Files `report` with its `photos` (made with [`OutboxReport::attach`], or kept with its
/// draft) and removes the draft it was written as: all of it is stored, or nothing is. A
/// second filing under the same id (a double tap) writes nothing.
pub async fn save_report(
    db: &Db,
    report: &OutboxReport,
    photos: &[StoredPhoto],
) -> Result<Written, StoreError> {
    check_owned(&report.id, &report.photo_ids, photos)?;
    db.write(&[OUTBOX, DRAFTS, PHOTOS], async |tx| {
        let outbox = tx.object_store(OUTBOX)?;
        let filed = get::<OutboxReport>(&outbox, report.id.as_str()).await?;
        if allowed(filed.as_ref()) == Allowed::AlreadyFiled {
            return Ok(Written::AlreadyFiled);
        }
        keep_photos(tx, &report.id, &report.photo_ids, photos).await?;
        put(&outbox, report).await?;
        tx.object_store(DRAFTS)?
            .delete(key(report.id.as_str()))?
            .await?;
        Ok(Written::Done)
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
/// new draft under the fix's `key`, the saved photos they `kept`, and the `added` ones after
/// those. Photos left out are deleted with it, in the same transaction. A fix already saved
/// under `key` (a second tap) is given back unchanged. `None` when no refused report has this
/// id.
pub async fn replace_report(
    db: &Db,
    id: &ReportId,
    key_of_fix: &IdempotencyKey,
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
        if &before.idempotency_key == key_of_fix {
            return Ok(Some(before));
        }
        let Some(mut fixed) = before
            .clone()
            .fixed(draft, kept, key_of_fix.clone(), now_ms)
        else {
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
        photos_in_order(tx, report.iter().flat_map(|report| &report.photo_ids)).await
    })
    .await
}
