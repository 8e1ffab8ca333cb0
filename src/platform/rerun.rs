//! "Run once, and once more if asked meanwhile": a loop that is never run twice at once, and
//! never misses a request that arrives while it runs.

use std::cell::Cell;

/// The state of such a loop.
#[derive(Debug, Default)]
pub struct Rerun {
    running: Cell<bool>,
    again: Cell<bool>,
}

impl Rerun {
    /// Asks for a run: true when the caller is to start the loop, false when the loop under
    /// way will run once more instead.
    pub fn start(&self) -> bool {
        if self.running.replace(true) {
            self.again.set(true);
            return false;
        }
        true
    }

    /// At the end of a pass: true when another was asked for meanwhile; false ends the loop.
    pub fn again(&self) -> bool {
        if self.again.replace(false) {
            return true;
        }
        self.running.set(false);
        false
    }

    /// Whether the loop is under way.
    pub fn running(&self) -> bool {
        self.running.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_while_running_make_one_more_pass_and_no_second_loop() {
        let rerun = Rerun::default();
        assert!(rerun.start(), "the first ask starts the loop");
        assert!(!rerun.start(), "one is under way");
        assert!(!rerun.start());
        assert!(
            rerun.again(),
            "asked meanwhile: one more pass, however many asks"
        );
        assert!(!rerun.again(), "then the loop ends");
        assert!(!rerun.running());
        assert!(rerun.start(), "and the next ask starts it again");
    }
}
