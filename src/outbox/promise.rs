//! What the outbox can promise on this device, said plainly: whether reports leave by
//! themselves once the network is back (Background Sync wakes the service worker, where the
//! engine has it) or only while the app is open, and whether the browser may clear what is
//! kept (Safari clears a site's storage after seven days without a visit, unless the app is on
//! the Home Screen).

/// What the engine and the person's choices allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Abilities {
    /// The service worker is woken to send when the network is back, with every page closed.
    pub background_sync: bool,
    /// The browser has promised to keep the app's storage (granted persistence, or an app
    /// installed to the Home Screen).
    pub storage_kept: bool,
}

/// The outbox's first sentence.
pub fn how_reports_leave(abilities: Abilities) -> &'static str {
    if abilities.background_sync {
        "Reports are saved on this device first, and sent as soon as there is a connection."
    } else {
        "Reports are saved on this device first, and sent while Report311 is open and there is a connection."
    }
}

/// What the person should do for the `waiting` reports to reach the city; nothing when they
/// will go by themselves and nothing can be lost.
pub fn advice(abilities: Abilities, waiting: usize) -> Vec<&'static str> {
    if waiting == 0 {
        return Vec::new();
    }
    let mut advice = Vec::new();
    if !abilities.background_sync {
        advice.push("Open Report311 when you are back online to send these.");
    }
    if !abilities.storage_kept {
        advice.push(
            "This browser may clear what Report311 keeps if it goes unused for some days: \
             open it again soon, or add it to your Home Screen, so these reports are not lost.",
        );
    }
    advice
}

/// Whether to offer asking the browser to keep the storage: only while reports wait on a
/// storage it has not promised to keep. Asked on the person's tap, never by itself: Firefox
/// asks them in a prompt, which out of the blue would be a puzzle.
pub fn offer_to_keep(abilities: Abilities, waiting: usize) -> bool {
    waiting > 0 && !abilities.storage_kept
}

/// What the browser's answer to that request means for the person.
pub fn kept_answer(granted: bool) -> &'static str {
    if granted {
        "This browser will keep Report311's reports until they are sent."
    } else {
        "This browser did not promise to keep them. Adding Report311 to your Home Screen does."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVERYTHING: Abilities = Abilities {
        background_sync: true,
        storage_kept: true,
    };

    #[test]
    fn with_background_sync_and_kept_storage_there_is_nothing_to_ask() {
        assert!(how_reports_leave(EVERYTHING).ends_with("as soon as there is a connection."));
        assert!(advice(EVERYTHING, 3).is_empty());
    }

    #[test]
    fn without_background_sync_the_person_is_told_to_open_the_app_again() {
        let abilities = Abilities {
            background_sync: false,
            ..EVERYTHING
        };
        assert!(how_reports_leave(abilities).contains("while Report311 is open"));
        assert_eq!(
            advice(abilities, 2),
            ["Open Report311 when you are back online to send these."]
        );
    }

    #[test]
    fn storage_that_may_be_cleared_is_said_only_while_reports_wait() {
        let abilities = Abilities {
            storage_kept: false,
            ..EVERYTHING
        };
        assert!(advice(abilities, 0).is_empty());
        let said = advice(abilities, 1);
        assert_eq!(said.len(), 1);
        assert!(said[0].contains("add it to your Home Screen"));
    }

    #[test]
    fn keeping_is_offered_only_while_reports_wait_on_storage_that_may_go() {
        let may_go = Abilities {
            storage_kept: false,
            ..EVERYTHING
        };
        assert!(offer_to_keep(may_go, 1));
        assert!(!offer_to_keep(may_go, 0));
        assert!(!offer_to_keep(EVERYTHING, 1));
        assert!(kept_answer(false).contains("Home Screen"));
        assert!(kept_answer(true).contains("will keep"));
    }

    #[test]
    fn with_neither_both_are_said_in_order() {
        let abilities = Abilities {
            background_sync: false,
            storage_kept: false,
        };
        let said = advice(abilities, 1);
        assert_eq!(said.len(), 2);
        assert!(said[0].starts_with("Open Report311"));
    }
}
