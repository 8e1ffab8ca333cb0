//! Starting the app: the configuration, the database and the sync loop, once per page.

use leptos::prelude::*;

use crate::catalogue::Catalogue;
use crate::config::AppConfig;
use crate::store::{self, Db};
use crate::sync::engine::{SyncEngine, SyncObserver};
use crate::sync::status::SyncStatus;
use crate::sync::triggers;
use crate::tracker::{self, Tracker, TrackerSignals};

/// What every screen works with once the app has started.
#[derive(Clone)]
pub struct Session {
    pub config: AppConfig,
    pub db: Db,
    pub catalogue: Catalogue,
    pub sync: SyncEngine,
    pub tracker: Tracker,
}

/// Signals that live before the session does (the header shows them from the start).
#[derive(Clone, Copy)]
pub struct SyncSignals {
    /// None until the outbox has been read once.
    pub status: RwSignal<Option<SyncStatus>>,
    /// Bumped whenever a saved report changes.
    pub revision: RwSignal<u64>,
}

impl SyncObserver for SyncSignals {
    fn status(&self, status: SyncStatus) {
        self.status.set(Some(status));
    }

    fn changed(&self) {
        self.revision.update(|r| *r += 1);
    }
}

/// Loads the configuration, opens the database, and starts syncing and tracking.
pub async fn start(
    signals: SyncSignals,
    tracker_signals: TrackerSignals,
) -> Result<Session, String> {
    let config = AppConfig::load().await.map_err(|e| e.user_message())?;
    let db = store::open(store::DEFAULT_NAME)
        .await
        .map_err(|e| e.user_message())?;
    // Ask once; browsers grant it to installed apps, and it keeps the outbox from eviction.
    leptos::task::spawn_local(async {
        store::quota::persist().await;
    });
    let catalogue = Catalogue::new(db.clone(), config.endpoints());
    let sync = SyncEngine::new(db.clone(), config.clone(), catalogue.clone(), signals);
    triggers::install(&sync);
    sync.request();
    let tracker = Tracker::new(
        db.clone(),
        catalogue.clone(),
        tracker_signals,
        u64::from(config.status_refresh_seconds) * 1_000,
    );
    tracker::install(&tracker);
    tracker.refresh();
    Ok(Session {
        config,
        db,
        catalogue,
        sync,
        tracker,
    })
}

/// The started session, for components below the one that started it.
#[derive(Clone, Copy)]
pub struct SessionHandle(StoredValue<Session, LocalStorage>);

impl SessionHandle {
    pub fn new(session: Session) -> Self {
        SessionHandle(StoredValue::new_local(session))
    }

    /// The session; it exists for as long as any screen does.
    pub fn get(&self) -> Session {
        self.0.get_value()
    }
}

/// The session of the screen being built.
pub fn use_session() -> Session {
    expect_context::<SessionHandle>().get()
}
