//! What every handler shares.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use crate::cli::{Credentials, Mode};
use crate::db::Db;
use crate::db::meta::Site;
use crate::media::MediaStore;
use crate::testing::faults::Faults;

pub struct AppState {
    pub db: Arc<Db>,
    pub media: MediaStore,
    pub credentials: Credentials,
    pub mode: Mode,
    pub token_delay: Duration,
    pub faults: Arc<Faults>,
    pub site: Site,
    /// For absolute URLs when a client sends no `Host`.
    pub listening: SocketAddr,
}

pub type SharedState = Arc<AppState>;
