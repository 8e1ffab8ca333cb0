//! What can go wrong with the device's storage, and what to tell the person about it.

use crate::user_message::UserMessage;
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::DomException;

/// A failure of the app's storage.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StoreError {
    /// The device, or the browser's share of it, is out of space.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// Another tab keeps the database open at an older version, so it cannot be upgraded.
    #[error("the database upgrade is blocked by a connection in another tab")]
    Blocked,
    /// A newer version of the app upgraded the database, so this page's code is too old for it.
    #[error("the database was upgraded by a newer version of the app")]
    Outdated,
    /// The browser offers no usable IndexedDB (private browsing, storage turned off).
    #[error("storage is unavailable: {0}")]
    Unavailable(String),
    /// Anything else, in the browser's words, for the logs.
    #[error("storage failed: {0}")]
    Other(String),
}

impl StoreError {
    /// The error a `DOMException` (or JS error) named `name` stands for.
    pub(crate) fn from_name(name: &str, message: &str) -> Self {
        match name {
            "QuotaExceededError" => StoreError::QuotaExceeded,
            // Opening at a version lower than the stored one: newer code has been here.
            "VersionError" => StoreError::Outdated,
            _ => StoreError::Other(format!("{name}: {message}")),
        }
    }

    /// The error a value thrown or reported by the browser stands for.
    pub(crate) fn from_js(value: &JsValue) -> Self {
        if let Some(exception) = value.dyn_ref::<DomException>() {
            StoreError::from_name(&exception.name(), &exception.message())
        } else if let Some(error) = value.dyn_ref::<js_sys::Error>() {
            StoreError::from_name(&String::from(error.name()), &String::from(error.message()))
        } else {
            StoreError::Other(format!("{value:?}"))
        }
    }

    /// The same error met while opening: a database that cannot be opened at all, for a reason
    /// other than space or versions, means the browser is not offering storage.
    pub(crate) fn when_opening(self) -> Self {
        match self {
            StoreError::Other(detail) => StoreError::Unavailable(detail),
            known => known,
        }
    }
}

impl UserMessage for StoreError {
    /// A sentence for the resident: what happened, what was kept, and what to do.
    fn user_message(&self) -> String {
        match self {
            StoreError::QuotaExceeded => {
                "This device is out of storage space. Your report was not saved yet: free some \
                 space and submit it again."
            }
            StoreError::Blocked => {
                "Report311 is open in another tab with an older version. Close the other tab to \
                 continue."
            }
            StoreError::Outdated => {
                "Report311 was updated in another tab. Reports already saved on this device are \
                 kept: reload this page to continue."
            }
            StoreError::Unavailable(_) => {
                "This browser does not let Report311 store anything on this device, so nothing \
                 was saved. Private browsing can cause this: open Report311 in a normal window."
            }
            StoreError::Other(_) => {
                "Report311 could not use this device's storage. Your last change was not saved; \
                 reports saved before it are kept. Try again."
            }
        }
        .to_owned()
    }
}

impl From<idb::Error> for StoreError {
    fn from(error: idb::Error) -> Self {
        use idb::Error as E;
        match &error {
            E::IndexedDbNotFound(_) => StoreError::Unavailable("IndexedDB is missing".to_owned()),
            E::DomException(exception) => {
                StoreError::from_name(&exception.name(), &exception.message())
            }
            // idb wraps whatever a synchronous IndexedDB call threw; the DOMException's name is
            // what tells a full disk from a bug.
            E::AddFailed(thrown)
            | E::ClearFailed(thrown)
            | E::CountFailed(thrown)
            | E::DeleteFailed(thrown)
            | E::GetAllFailed(thrown)
            | E::GetAllKeysFailed(thrown)
            | E::GetFailed(thrown)
            | E::IndexCreateFailed(thrown)
            | E::IndexedDbDeleteFailed(thrown)
            | E::IndexedDbOpenFailed(thrown)
            | E::IndexNotFound(thrown)
            | E::ObjectStoreCreateFailed(thrown)
            | E::ObjectStoreNotFound(thrown)
            | E::TransactionAbortError(thrown)
            | E::TransactionCommitError(thrown)
            | E::TransactionOpenFailed(thrown)
            | E::UpdateFailed(thrown) => StoreError::from_js(thrown),
            _ => StoreError::Other(error.to_string()),
        }
    }
}

impl From<serde_wasm_bindgen::Error> for StoreError {
    fn from(error: serde_wasm_bindgen::Error) -> Self {
        StoreError::Other(format!("a stored record does not match its type: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_exception_names_map_to_variants() {
        assert_eq!(
            StoreError::from_name("QuotaExceededError", "full"),
            StoreError::QuotaExceeded
        );
        assert_eq!(
            StoreError::from_name("VersionError", "lower"),
            StoreError::Outdated
        );
        assert_eq!(
            StoreError::from_name("DataError", "no key"),
            StoreError::Other("DataError: no key".to_owned())
        );
    }

    #[test]
    fn open_failures_of_unknown_kind_mean_storage_is_unavailable() {
        let denied = StoreError::from_name("InvalidStateError", "private mode");
        assert_eq!(
            denied.when_opening(),
            StoreError::Unavailable("InvalidStateError: private mode".to_owned())
        );
        assert_eq!(
            StoreError::QuotaExceeded.when_opening(),
            StoreError::QuotaExceeded
        );
        assert_eq!(StoreError::Outdated.when_opening(), StoreError::Outdated);
    }

    #[test]
    fn every_message_says_what_was_kept_or_what_to_do() {
        assert_eq!(
            StoreError::QuotaExceeded.user_message(),
            "This device is out of storage space. Your report was not saved yet: free some space \
             and submit it again."
        );
        assert_eq!(
            StoreError::Blocked.user_message(),
            "Report311 is open in another tab with an older version. Close the other tab to \
             continue."
        );
        for error in [
            StoreError::Outdated,
            StoreError::Unavailable(String::new()),
            StoreError::Other(String::new()),
        ] {
            let message = error.user_message();
            assert!(
                message.contains("saved") || message.contains("kept"),
                "{message}"
            );
        }
    }
}
