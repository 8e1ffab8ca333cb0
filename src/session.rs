//! Starting the app: the configuration, the database and the sync loop, once per page.

use leptos::prelude::*;

use crate::catalogue::Catalogue;
use crate::catalogue::prefetch::{self, OfflineReadiness};
use crate::config::{AppConfig, ConfigError};
use crate::outbox::engine::{SyncEngine, SyncObserver};
use crate::outbox::send_triggers;
use crate::outbox::status::SyncStatus;
use crate::store::{self, Db, StoreError};
use crate::tracker::{self, Tracker, TrackerSignals};
use crate::user_message::UserMessage;

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
    /// Bumped when saved reports change, at most once per [`CHANGES_SETTLE`].
    pub revision: RwSignal<u64>,
    /// A bump of `revision` is planned.
    bump_planned: StoredValue<bool>,
}

/// A sync run changes each report several times within milliseconds, and hundreds of reports
/// in a run; lists re-read the outbox once for all the changes of this long.
const CHANGES_SETTLE: std::time::Duration = std::time::Duration::from_millis(100);

impl Default for SyncSignals {
    fn default() -> Self {
        Self {
            status: RwSignal::new(None),
            revision: RwSignal::new(0),
            bump_planned: StoredValue::new(false),
        }
    }
}

impl SyncObserver for SyncSignals {
    fn status(&self, status: SyncStatus) {
        self.status.set(Some(status));
    }

    fn changed(&self) {
        if self.bump_planned.get_value() {
            return;
        }
        self.bump_planned.set_value(true);
        let (planned, revision) = (self.bump_planned, self.revision);
        set_timeout(
            move || {
                planned.set_value(false);
                revision.update(|r| *r += 1);
            },
            CHANGES_SETTLE,
        );
    }
}

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl UserMessage for StartError {
    fn user_message(&self) -> String {
        match self {
            StartError::Config(error) => error.user_message(),
            StartError::Store(error) => error.user_message(),
        }
    }
}

/// What this page's sync tells: the header and lists, through the signals, and the tracker,
/// once reports were sent.
struct PageObserver {
    signals: SyncSignals,
    tracker: Tracker,
}

impl SyncObserver for PageObserver {
    fn status(&self, status: SyncStatus) {
        self.signals.status(status);
    }

    fn changed(&self) {
        self.signals.changed();
    }

    fn sent(&self) {
        self.tracker.refresh();
    }
}

/// Loads the configuration, opens the database, and starts syncing and tracking.
pub async fn start(
    signals: SyncSignals,
    tracker_signals: TrackerSignals,
    readiness: OfflineReadiness,
) -> Result<Session, StartError> {
    let config = AppConfig::load().await?;
    let db = store::open(store::DEFAULT_NAME).await?;
    let catalogue = Catalogue::new(db.clone(), config.endpoints());
    prefetch::start(catalogue.clone(), readiness);
    let tracker = Tracker::new(
        db.clone(),
        catalogue.clone(),
        tracker_signals,
        u64::from(config.status_refresh_seconds) * 1_000,
    );
    tracker::install(&tracker);
    tracker.refresh();
    let observer = PageObserver {
        signals,
        tracker: tracker.clone(),
    };
    let sync = SyncEngine::new(db.clone(), config.clone(), catalogue.clone(), observer);
    send_triggers::install(&sync);
    sync.request();
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
