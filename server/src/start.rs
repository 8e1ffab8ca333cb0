//! Starting up: the data directory, the database, the credentials, the listener.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use tokio::net::TcpListener;

use crate::cli::Cli;
use crate::db::{self, Db, DbError};
use crate::geocoder::{Gazetteer, GazetteerError};
use crate::media::MediaStore;
use crate::seed::{self, SeedError};
use crate::state::AppState;
use crate::testing::fill::{self, FillError};
use crate::tiles::{TileSet, TilesError};
use crate::{accept, routes};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot use the data directory {0}: {1}")]
    DataDir(PathBuf, #[source] std::io::Error),
    #[error("cannot open the database: {0}")]
    Db(#[from] DbError),
    #[error("cannot seed the database: {0}")]
    Seed(#[from] SeedError),
    #[error("cannot fill the database: {0}")]
    Fill(#[from] FillError),
    #[error("{0}")]
    Tiles(#[from] TilesError),
    #[error("{0}")]
    Gazetteer(#[from] GazetteerError),
    #[error("cannot listen on {0}: {1}")]
    Listen(std::net::SocketAddr, #[source] std::io::Error),
    #[error("cannot announce the address: {0}")]
    Announce(#[source] std::io::Error),
    #[error("cannot handle SIGINT and SIGTERM: {0}")]
    Signals(#[source] std::io::Error),
}

/// Serves until SIGINT or SIGTERM.
pub async fn run(cli: Cli) -> Result<(), StartError> {
    let data_dir = |error| StartError::DataDir(cli.data.clone(), error);
    std::fs::create_dir_all(&cli.data).map_err(data_dir)?;
    let media = MediaStore::open(&cli.data).map_err(data_dir)?;
    let db = Db::open(&cli.data.join("open311.sqlite"))?;
    let site = db
        .write(|connection| seed::ensure(connection, db::now_ms()))
        .await?;
    if let Some(at_least) = cli.fill_requests {
        let started = Instant::now();
        let filed = db
            .write(move |connection| fill::fill(connection, at_least, db::now_ms()))
            .await?;
        tracing::info!(filed, seconds = started.elapsed().as_secs_f64(), "filled");
    }

    let tiles = cli.tiles.as_deref().map(TileSet::open).transpose()?;
    let gazetteer = cli.gazetteer.as_deref().map(Gazetteer::read).transpose()?;

    let (credentials, generated) = cli.credentials();
    for credential in generated {
        eprintln!(
            "open311-server: no {} given ({}); generated: {}",
            credential.what,
            credential.flag,
            credential.value.expose()
        );
    }

    let listener = TcpListener::bind(cli.listen)
        .await
        .map_err(|error| StartError::Listen(cli.listen, error))?;
    let listening = listener
        .local_addr()
        .map_err(|error| StartError::Listen(cli.listen, error))?;
    let state = Arc::new(AppState {
        db,
        media,
        credentials,
        mode: cli.mode,
        token_delay: cli.token_delay(),
        faults: Arc::default(),
        site,
        listening,
    });
    let app = routes::app(
        state,
        routes::Served {
            app: cli.app.clone(),
            tiles: tiles.map(Arc::new),
            gazetteer: gazetteer.map(Arc::new),
        },
    );
    let shutdown = shutdown_signal()?;

    // The one line on stdout: tests and the task runner read the address from it.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "open311-server listening on http://{listening}")
        .and_then(|()| stdout.flush())
        .map_err(StartError::Announce)?;
    drop(stdout);

    accept::serve(listener, app, shutdown).await;
    tracing::info!("stopped");
    Ok(())
}

/// SIGINT (Ctrl-C) or SIGTERM (what service managers and test harnesses send). The handlers
/// are installed when this is called, before the address is announced: a harness that stops
/// the server as soon as it reads the address must find them there, or the signal's default
/// action kills the process instead of shutting it down.
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, StartError> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate()).map_err(StartError::Signals)?;
    let mut interrupt = signal(SignalKind::interrupt()).map_err(StartError::Signals)?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
        tracing::info!("shutting down");
    })
}
