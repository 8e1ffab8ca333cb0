//! The service worker's sync: when Background Sync wakes the worker (the network is back), it
//! sends the outbox itself, so reports leave the device with every page closed.

pub mod budget;

use std::time::Duration;

use budget::AfterRun;
use gloo_timers::future::sleep;

use super::engine::{SyncEngine, SyncObserver};
use crate::catalogue::Catalogue;
use crate::config::{AppConfig, ConfigError};
use crate::store::{self, StoreError};
use crate::time::now_ms;

/// Why a Background Sync event failed; the browser fires it again later.
#[derive(Debug, thiserror::Error)]
pub enum BackgroundSyncError {
    // No detail in the message: it may reach the worker's console, and the configuration holds
    // the app's key.
    #[error("config.json could not be used")]
    Config(#[from] ConfigError),
    #[error("the outbox could not be read: {0}")]
    Store(#[from] StoreError),
    #[error("reports are still waiting to be sent")]
    Unfinished,
}

/// Sends every due report with the deployment's `config` (config.json's text), telling
/// `observer` what changes; fails while reports are still waiting, so that the browser tries
/// again later.
pub async fn sync_outbox(
    config: &[u8],
    observer: impl SyncObserver + 'static,
) -> Result<(), BackgroundSyncError> {
    let config = AppConfig::parse(config)?;
    let db = store::open(store::DEFAULT_NAME).await?;
    let catalogue = Catalogue::new(db.clone(), config.endpoints());
    let engine = SyncEngine::new(db, config, catalogue, observer);
    let started_ms = now_ms();
    // Woken because the network is back: what failed offline said nothing about the server.
    let mut urgent = true;
    loop {
        let next_due_ms = engine.run_once(urgent).await?;
        urgent = false;
        match budget::after_run(next_due_ms, started_ms, now_ms()) {
            AfterRun::Done => return Ok(()),
            AfterRun::Retry => return Err(BackgroundSyncError::Unfinished),
            AfterRun::Wait(ms) => sleep(Duration::from_millis(ms)).await,
        }
    }
}
