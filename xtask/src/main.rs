//! `cargo xtask <task>`: the project's tasks, with the set-up they need built in.

mod app_page;
mod bench;
mod cmd;
mod demo_map;
mod dist;
mod e2e;
mod engines;
mod hash;
mod precache;
mod run;
mod server;
mod soak;
mod start_script;
mod tally;
mod test;
mod tools;
mod workspace;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  run    install what is missing, build the app, serve it with the reference server on http://127.0.0.1:8080
  test   install what is missing, then fmt, clippy, native tests, browser tests and end-to-end tests
  dist   build the app in release into dist/
  e2e    build the app and run the end-to-end tests (all, or the spec files named after it)
  engines  build the app and run the resident's path in Firefox ESR and WebKitGTK
  soak   the fault soak at full length: cargo xtask soak [ROUNDS (1000)] [SEED]
  bench  measure the app against its budgets (all, or those named after it); prints a table
         and writes bench/results.json";

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let outcome = match task.as_deref() {
        Some("run") => run::run(),
        Some("test") => test::test(),
        Some("soak") => soak::soak(&std::env::args().skip(2).collect::<Vec<_>>()),
        Some("bench") => bench::bench(&std::env::args().skip(2).collect::<Vec<_>>()),
        Some("dist") => tools::ensure_build_tools().and_then(|()| dist::dist()),
        Some("e2e") => e2e::only(&std::env::args().skip(2).collect::<Vec<_>>()),
        Some("engines") => engines::only(),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
