//! The outbox at a glance, for the header's live region.

use super::delivery::Delivery;

/// What the header says about sending.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SyncStatus {
    /// Reports still to be sent (queued or being sent).
    pub waiting: usize,
    /// While a sync runs: how many of this run's reports were handled, and of how many.
    pub progress: Option<(usize, usize)>,
    /// Reports the city refused, waiting for the person.
    pub attention: usize,
}

impl SyncStatus {
    /// Counts a list of deliveries (progress is set by the running sync).
    pub fn of<'a>(deliveries: impl IntoIterator<Item = &'a Delivery>) -> Self {
        deliveries
            .into_iter()
            .fold(SyncStatus::default(), |mut status, delivery| {
                match delivery {
                    Delivery::Queued { .. } | Delivery::Sending { .. } => status.waiting += 1,
                    Delivery::NeedsAttention { .. } => status.attention += 1,
                    Delivery::AwaitingId { .. } | Delivery::Submitted { .. } => {}
                }
                status
            })
    }

    /// A few words, e.g. "sending 2 of 5", "3 waiting", "all sent".
    pub fn summary(&self) -> String {
        let main = match (self.progress, self.waiting) {
            (Some((done, total)), _) => format!("sending {} of {total}", (done + 1).min(total)),
            (None, 0) => "all sent".to_owned(),
            (None, waiting) => format!("{waiting} waiting"),
        };
        match self.attention {
            0 => main,
            1 => format!("{main}, 1 needs attention"),
            n => format!("{main}, {n} need attention"),
        }
    }
}

#[cfg(test)]
mod tests {
    use open311::ApiError;

    use super::*;
    use crate::outbox::delivery::Retry;

    #[test]
    fn counts_and_says_it() {
        let deliveries = [
            Delivery::default(),
            Delivery::default(),
            Delivery::Sending {
                retry: Retry::default(),
            },
            Delivery::Submitted { id: None },
            Delivery::NeedsAttention {
                errors: vec![ApiError::new("400", "x")],
            },
        ];
        let status = SyncStatus::of(&deliveries);
        assert_eq!(status.waiting, 3);
        assert_eq!(status.attention, 1);
        assert_eq!(status.summary(), "3 waiting, 1 needs attention");
        let sending = SyncStatus {
            progress: Some((1, 5)),
            ..status
        };
        assert_eq!(sending.summary(), "sending 2 of 5, 1 needs attention");
        assert_eq!(
            SyncStatus::of(&[Delivery::Submitted { id: None }]).summary(),
            "all sent"
        );
    }
}
