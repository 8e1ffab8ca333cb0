//! Opening the database, and running transactions on it.

use std::cell::{Cell, RefCell};
use std::future::IntoFuture;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::{Either, select};
use idb::event::VersionChangeEvent;
use idb::{Database, DatabaseEvent, Event, Factory, Request, Transaction, TransactionMode};
use web_sys::IdbTransaction;

use super::error::StoreError;
use super::schema::{self, VERSION};

/// The name of the app's database.
pub const DEFAULT_NAME: &str = "report311";

/// A connection to the database. Clones share it; the last one dropped closes it.
#[derive(Clone, Debug)]
pub struct Db {
    connection: Rc<Connection>,
}

#[derive(Debug)]
struct Connection {
    database: Database,
    /// Set when a newer version of the app asked for the database and this connection let go.
    outdated: Rc<Cell<bool>>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.database.close();
    }
}

/// Opens the database called `name` (the app uses [`DEFAULT_NAME`]), creating or upgrading it
/// to [`VERSION`]. [`StoreError::Blocked`] means another tab holds an older version open: the
/// upgrade waits for that tab to close, and opening again afterwards succeeds.
pub async fn open(name: &str) -> Result<Db, StoreError> {
    open_at(name, VERSION).await
}

/// [`open`] at a chosen version, through the same upgrade steps; for exercising upgrades.
#[doc(hidden)]
pub async fn open_at(name: &str, version: u32) -> Result<Db, StoreError> {
    let mut request = Factory::new()?
        .open(name, Some(version))
        .map_err(|error| StoreError::from(error).when_opening())?;

    // An open request cannot be cancelled: once this call has reported Blocked, the request
    // still upgrades when the other tab closes, and nobody would be there to close the
    // connection it opens. So an abandoned request aborts its upgrade instead, and the next
    // open runs it.
    let abandoned = Rc::new(Cell::new(false));
    let failure = Rc::new(RefCell::new(None));
    request.on_upgrade_needed({
        let (abandoned, failure) = (abandoned.clone(), failure.clone());
        move |event: VersionChangeEvent| {
            if abandoned.get() {
                abort_upgrade(&event);
            } else if let Err(error) = schema::upgrade(&event) {
                failure.replace(Some(error));
                abort_upgrade(&event);
            }
        }
    });
    let (blocked, on_blocked) = oneshot::channel();
    request.on_blocked(move |_| {
        // The receiver is gone only once this open has finished, when nobody needs to know.
        let _ = blocked.send(());
    });

    match select(request.into_future(), on_blocked).await {
        Either::Left((Ok(database), _)) => Ok(Db::new(database)),
        Either::Left((Err(error), _)) => Err(failure
            .take()
            .unwrap_or_else(|| StoreError::from(error).when_opening())),
        Either::Right(_) => {
            abandoned.set(true);
            Err(StoreError::Blocked)
        }
    }
}

/// Rolls back an upgrade, so the database stays at the version it had.
fn abort_upgrade(event: &VersionChangeEvent) {
    if let Some(transaction) = event
        .target()
        .ok()
        .and_then(|request| request.transaction())
    {
        // Aborting can only fail when the upgrade already ended, which is what was wanted.
        let _ = transaction.abort();
    }
}

/// Deletes the database called `name` with everything in it. Waits while another tab holds it
/// open.
pub async fn delete_database(name: &str) -> Result<(), StoreError> {
    Factory::new()?.delete(name)?.await?;
    Ok(())
}

impl Db {
    fn new(mut database: Database) -> Self {
        let outdated = Rc::new(Cell::new(false));
        // A newer version in another tab cannot upgrade while this connection is open: let go
        // at once, and report Outdated from then on.
        database.on_version_change({
            let outdated = outdated.clone();
            move |event| {
                outdated.set(true);
                if let Ok(database) = event.database() {
                    database.close();
                }
            }
        });
        Db {
            connection: Rc::new(Connection { database, outdated }),
        }
    }

    /// Runs `work` in one read-only transaction over `stores`.
    pub(crate) async fn read<T>(
        &self,
        stores: &[&str],
        work: impl AsyncFnOnce(&Transaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.transact(stores, TransactionMode::ReadOnly, work).await
    }

    /// Runs `work` in one read-write transaction over `stores`: all of its writes are kept, or
    /// none.
    pub(crate) async fn write<T>(
        &self,
        stores: &[&str],
        work: impl AsyncFnOnce(&Transaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.transact(stores, TransactionMode::ReadWrite, work)
            .await
    }

    /// Runs `work` in one transaction and waits until it is committed.
    ///
    /// `work` must await nothing but requests of this transaction: IndexedDB commits a
    /// transaction as soon as control returns to the event loop with no request pending, so
    /// anything else (fetch, timers, reading a file, compressing a photo) has to happen before.
    async fn transact<T>(
        &self,
        stores: &[&str],
        mode: TransactionMode,
        work: impl AsyncFnOnce(&Transaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.connection.outdated.get() {
            return Err(StoreError::Outdated);
        }
        let transaction = self.connection.database.transaction(stores, mode)?;
        let outcome = work(&transaction).await;
        let transaction = IdbTransaction::from(transaction);
        match outcome {
            Ok(value) => committed(transaction).await.map(|()| value),
            Err(error) => {
                // A request that throws (a record without its key, say) leaves the transaction
                // running, and the writes before it would be committed: abort explicitly. It
                // fails only if the transaction is already aborting, which is what was wanted.
                let _ = transaction.abort();
                Err(error)
            }
        }
    }
}

/// Waits for `transaction` to finish; an abort (running out of space surfaces here, when the
/// browser commits) is an error.
async fn committed(transaction: IdbTransaction) -> Result<(), StoreError> {
    if Transaction::from(transaction.clone()).await?.is_committed() {
        return Ok(());
    }
    Err(transaction.error().map_or_else(
        || StoreError::Other("the transaction was aborted".to_owned()),
        |exception| StoreError::from(idb::Error::DomException(exception)),
    ))
}
