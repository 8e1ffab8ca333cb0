//! The last moment of a draft, written to `localStorage` at every change. A write to IndexedDB
//! is asynchronous, and one begun as the page is reloaded, closed or killed may never commit;
//! a `localStorage` write is done when it returns. Reading the drafts first folds in what the
//! journal holds and IndexedDB lacks. Photos are not journalled: each is saved to IndexedDB
//! the moment it is ready.

use open311::ServiceCode;
use web_sys::Storage;

use crate::outbox::SavedDraft;
use crate::outbox::drafts;
use crate::store::{Db, ReportId, StoreError};

const PREFIX: &str = "report311-draft:";

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn key(id: &ReportId) -> String {
    format!("{PREFIX}{id}")
}

/// Notes `draft` as it stands now (its photos by id).
pub fn note(draft: &SavedDraft) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(draft)) {
        // A full storage keeps the last note; IndexedDB still has the save before it.
        let _ = storage.set_item(&key(&draft.id), &text);
    }
}

/// Forgets the notes of draft `id`: it was filed, followed instead or started over.
pub fn forget(id: &ReportId) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(id));
    }
}

/// Deletes the draft `id` and its notes ("Start over", or following another request instead).
pub async fn discard(db: &Db, id: &ReportId) -> Result<(), StoreError> {
    forget(id);
    drafts::discard_draft(db, id).await
}

/// Folds every note newer than its draft in IndexedDB into it, and forgets the notes.
async fn recover(db: &Db) -> Result<(), StoreError> {
    let Some(storage) = storage() else {
        return Ok(());
    };
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(PREFIX))
        .collect();
    for entry in keys {
        let noted = storage
            .get_item(&entry)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str::<SavedDraft>(&text).ok());
        if let Some(noted) = noted {
            let kept = drafts::get_draft(db, &noted.id).await?;
            if noted.supersedes(kept.as_ref()) {
                // Filed meanwhile: the store keeps no draft of it, which is right.
                drafts::save_draft(db, &noted, &[]).await?;
            }
        }
        let _ = storage.remove_item(&entry);
    }
    Ok(())
}

/// Every kept draft, the most recently saved first, the journal folded in.
pub async fn kept_drafts(db: &Db) -> Result<Vec<SavedDraft>, StoreError> {
    recover(db).await?;
    drafts::list_drafts(db).await
}

/// The most recently saved draft for the service `code`, the journal folded in.
pub async fn kept_draft_for(db: &Db, code: &ServiceCode) -> Result<Option<SavedDraft>, StoreError> {
    recover(db).await?;
    drafts::draft_for(db, code).await
}
