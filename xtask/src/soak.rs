//! `cargo xtask soak [ROUNDS] [SEED]`: the fault soak of the end-to-end suite at full length.

use anyhow::{Context, Result, bail};

use crate::{dist, e2e, tools};

/// Rounds unless told otherwise; `cargo xtask test` runs the spec's own short default.
const ROUNDS: &str = "1000";

pub fn soak(args: &[String]) -> Result<()> {
    let rounds = args.first().map_or(ROUNDS, String::as_str);
    rounds
        .parse::<u32>()
        .with_context(|| format!("ROUNDS must be a number, not {rounds:?}"))?;
    let mut env = vec![("REPORT311_SOAK_ROUNDS", rounds)];
    if let Some(seed) = args.get(1) {
        seed.parse::<u32>()
            .with_context(|| format!("SEED must be a number, not {seed:?}"))?;
        env.push(("REPORT311_SOAK_SEED", seed));
    }
    tools::ensure_test_tools()?;
    dist::dist()?;
    println!("==> fault soak: {rounds} rounds (its seed and figures are printed as it ends)");
    let counted = e2e::run(&["soak.spec.ts"], &env)?;
    println!("{}", counted.summary());
    if counted.failed > 0 {
        bail!("the fault soak failed; rerun it with the seed it printed");
    }
    Ok(())
}
