//! The review's send button: the tray's photos (none still being prepared), the filing use
//! case, and then the outbox.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use super::journal;
use super::photos::PhotoTray;
use crate::outbox::filing::{FilingError, ReadyPhoto, Submission};
use crate::session::{Session, SessionHandle};
use crate::user_message::UserMessage;

/// Said when the report is sent while a photo is still being compressed.
const PHOTO_NOT_READY: &str = "A photo is still being prepared. Send again in a moment.";

/// What happens to a report that passed validation.
#[derive(Clone, Copy)]
pub struct SubmitReport {
    pub send: Callback<Submission>,
    /// The sentence to show when it could not be saved (the form stays as it is, nothing
    /// lost).
    pub failure: RwSignal<Option<String>>,
}

/// The send button's action: `filing` (filing a new report, or sending a refused one again)
/// with the tray's photos; once the report is saved, the tray is emptied, the draft's notes
/// forgotten, and the outbox shown.
pub fn send_action<F, Fut>(filing: F) -> SubmitReport
where
    F: Fn(Session, Submission, Vec<ReadyPhoto>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), FilingError>> + 'static,
{
    let session = expect_context::<SessionHandle>();
    let tray = expect_context::<PhotoTray>();
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<String>);
    let send = Callback::new(move |submission: Submission| {
        let Some(photos) = tray.ready() else {
            failure.set(Some(PHOTO_NOT_READY.to_owned()));
            return;
        };
        failure.set(None);
        let (filing, navigate) = (filing.clone(), navigate.clone());
        let id = submission.identity.id.clone();
        leptos::task::spawn_local(async move {
            match filing(session.get(), submission, photos).await {
                Ok(()) => {
                    journal::forget(&id);
                    tray.clear();
                    navigate("/outbox", NavigateOptions::default());
                }
                Err(error) => failure.set(Some(error.user_message())),
            }
        });
    });
    SubmitReport { send, failure }
}
