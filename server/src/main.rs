//! `open311-server`: a reference Open311 GeoReport v2 server backed by SQLite, serving
//! the API and, optionally, the built app.

use std::process::ExitCode;

use clap::Parser;
use open311_server::{Cli, logging, run};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    logging::init();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("open311-server: {error}");
            ExitCode::FAILURE
        }
    }
}
