//! Reports being written, kept as the person goes, and the one rule that makes "Submit" safe to
//! tap twice: a draft's id names one report, and the first report filed under it is the only
//! one.

use std::collections::HashSet;

use open311::ServiceCode;

use super::records::{OutboxReport, SavedDraft, StoredPhoto};
use crate::store::Db;
use crate::store::StoreError;
use crate::store::codec::{from_js_all, get, key, put};
use crate::store::schema::{BY_REPORT, BY_SERVICE, DRAFTS, OUTBOX, PHOTOS};
use crate::store::{PhotoId, ReportId};

/// What a write under a draft's id may do, given the report already filed under it, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Allowed {
    /// Nothing is filed under the id: the write goes ahead.
    Write,
    /// A report is filed under the id: a second "Submit" files nothing, a save arriving late
    /// brings no draft back, and "Start over" on a stale screen leaves the report's photos.
    AlreadyFiled,
}

/// The store's rule for draft ids, decided inside the transaction that writes, so that no
/// other write can come between the look and the write.
pub fn allowed(filed: Option<&OutboxReport>) -> Allowed {
    match filed {
        None => Allowed::Write,
        Some(_) => Allowed::AlreadyFiled,
    }
}

/// What a save or a filing came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    Done,
    /// A report was already filed under this id; nothing was written.
    AlreadyFiled,
}

/// Keeps `draft` with its `photos` (all of them, in order; those already kept are not written
/// again, and kept ones no longer in the draft are deleted), in one transaction. Nothing is
/// kept once a report was filed under the draft's id.
pub async fn save_draft(
    db: &Db,
    draft: &SavedDraft,
    photos: &[StoredPhoto],
) -> Result<Written, StoreError> {
    check_owned(&draft.id, &draft.photo_ids, photos)?;
    db.write(&[OUTBOX, DRAFTS, PHOTOS], async |tx| {
        let filed = get::<OutboxReport>(&tx.object_store(OUTBOX)?, draft.id.as_str()).await?;
        if allowed(filed.as_ref()) == Allowed::AlreadyFiled {
            return Ok(Written::AlreadyFiled);
        }
        keep_photos(tx, &draft.id, &draft.photo_ids, photos).await?;
        put(&tx.object_store(DRAFTS)?, draft).await?;
        Ok(Written::Done)
    })
    .await
}

/// Deletes the draft `id` and its photos ("Start over"); the photos stay if a report was
/// filed under the id meanwhile, as they are that report's now.
pub async fn discard_draft(db: &Db, id: &ReportId) -> Result<(), StoreError> {
    db.write(&[OUTBOX, DRAFTS, PHOTOS], async |tx| {
        let filed = get::<OutboxReport>(&tx.object_store(OUTBOX)?, id.as_str()).await?;
        if allowed(filed.as_ref()) == Allowed::Write {
            keep_photos(tx, id, &[], &[]).await?;
        }
        tx.object_store(DRAFTS)?.delete(key(id.as_str()))?.await?;
        Ok(())
    })
    .await
}

/// Every kept draft, the most recently saved first.
pub async fn list_drafts(db: &Db) -> Result<Vec<SavedDraft>, StoreError> {
    let mut drafts: Vec<SavedDraft> = db
        .read(&[DRAFTS], async |tx| {
            from_js_all(tx.object_store(DRAFTS)?.get_all(None, None)?.await?)
        })
        .await?;
    drafts.sort_by_key(|draft| std::cmp::Reverse(draft.saved_ms));
    Ok(drafts)
}

/// The draft `id`, if it is kept.
pub async fn get_draft(db: &Db, id: &ReportId) -> Result<Option<SavedDraft>, StoreError> {
    db.read(&[DRAFTS], async |tx| {
        get(&tx.object_store(DRAFTS)?, id.as_str()).await
    })
    .await
}

/// The most recently saved draft for the service `code`, if any.
pub async fn draft_for(db: &Db, code: &ServiceCode) -> Result<Option<SavedDraft>, StoreError> {
    let drafts: Vec<SavedDraft> = db
        .read(&[DRAFTS], async |tx| {
            let by_service = tx.object_store(DRAFTS)?.index(BY_SERVICE)?;
            from_js_all(by_service.get_all(Some(key(code.as_str())), None)?.await?)
        })
        .await?;
    Ok(drafts.into_iter().max_by_key(|draft| draft.saved_ms))
}

/// The photos of the draft `id`, with their bytes, in its order.
pub async fn draft_photos(db: &Db, id: &ReportId) -> Result<Vec<StoredPhoto>, StoreError> {
    db.read(&[DRAFTS, PHOTOS], async |tx| {
        let draft: Option<SavedDraft> = get(&tx.object_store(DRAFTS)?, id.as_str()).await?;
        photos_in_order(tx, draft.iter().flat_map(|draft| &draft.photo_ids)).await
    })
    .await
}

/// The photos `ids` that are kept, with their bytes, in that order.
pub(super) async fn photos_in_order(
    tx: &idb::Transaction,
    ids: impl Iterator<Item = &PhotoId>,
) -> Result<Vec<StoredPhoto>, StoreError> {
    let store = tx.object_store(PHOTOS)?;
    let mut photos = Vec::new();
    for photo_id in ids {
        photos.extend(get(&store, photo_id.as_str()).await?);
    }
    Ok(photos)
}

/// Refuses photos that are not among `ids` of the record `owner`, before anything is written.
pub(super) fn check_owned(
    owner: &ReportId,
    ids: &[PhotoId],
    photos: &[StoredPhoto],
) -> Result<(), StoreError> {
    match photos
        .iter()
        .find(|photo| &photo.report_id != owner || !ids.contains(&photo.id))
    {
        Some(stray) => Err(StoreError::Other(format!(
            "photo {} is not one of {owner}'s photos",
            stray.id
        ))),
        None => Ok(()),
    }
}

/// Makes the photos kept under `owner` exactly `ids`: deletes the others, writes those of
/// `photos` not kept yet.
pub(super) async fn keep_photos(
    tx: &idb::Transaction,
    owner: &ReportId,
    ids: &[PhotoId],
    photos: &[StoredPhoto],
) -> Result<(), StoreError> {
    let store = tx.object_store(PHOTOS)?;
    let kept_keys = store
        .index(BY_REPORT)?
        .get_all_keys(Some(key(owner.as_str())), None)?
        .await?;
    let mut kept = HashSet::new();
    for kept_key in kept_keys {
        let id = kept_key.as_string().unwrap_or_default();
        if ids.iter().any(|wanted| wanted.as_str() == id) {
            kept.insert(id);
        } else {
            store.delete(kept_key)?.await?;
        }
    }
    for photo in photos.iter().filter(|p| !kept.contains(p.id.as_str())) {
        put(&store, photo).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use open311::Draft;

    use super::*;
    use crate::outbox::ReportIdentity;

    #[test]
    fn the_first_report_filed_under_a_draft_id_is_the_only_one() {
        assert_eq!(allowed(None), Allowed::Write);
        let identity = ReportIdentity::random();
        let filed = OutboxReport::new(identity.clone(), "Pothole", Draft::default(), 1);
        // A second tap names the same identity; so does a save of the draft arriving late.
        assert_eq!(allowed(Some(&filed)), Allowed::AlreadyFiled);
        let resent = OutboxReport {
            delivery: crate::outbox::delivery::Delivery::Submitted { id: None },
            ..filed
        };
        assert_eq!(
            allowed(Some(&resent)),
            Allowed::AlreadyFiled,
            "whatever became of the report since"
        );
    }

    #[test]
    fn photos_must_belong_to_the_record_they_are_written_with() {
        let identity = ReportIdentity::random();
        let mut report = OutboxReport::new(identity, "Pothole", Draft::default(), 1);
        let photo = report.attach("image/jpeg", 1, 1, vec![1]);
        assert!(check_owned(&report.id, &report.photo_ids, std::slice::from_ref(&photo)).is_ok());
        assert!(check_owned(&report.id, &[], std::slice::from_ref(&photo)).is_err());
        assert!(check_owned(&ReportId::random(), &report.photo_ids, &[photo]).is_err());
    }
}
