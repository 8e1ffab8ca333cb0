//! Keeps the followed requests up to date: batched, conditional status calls at start, on
//! focus, on `online` and every few minutes while the page is visible.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use open311::{ServiceRequest, ServiceRequestId};

use super::batch::status_queries;
use super::changes::{Refreshed, refresh};
use super::notice::notice;
use super::notify;
use super::schedule::{Ended, next_refresh_ms};
use crate::catalogue::Catalogue;
use crate::client::http;
use crate::client::retry_after;
use crate::platform::events::page_visible;
use crate::platform::rerun::Rerun;
use crate::platform::timer::Planned;
use crate::store::Db;
use crate::time::{jitter, now_ms};
use crate::tracker::TrackedRequest;
use crate::tracker::followed;
use crate::user_message::UserMessage;

/// What the tracker's screens watch.
#[derive(Clone, Copy)]
pub struct TrackerSignals {
    /// Bumped whenever a followed request changes on the device.
    pub revision: RwSignal<u64>,
    /// Changes fetched that the person has not looked at yet.
    pub unseen: RwSignal<u32>,
    /// A refresh is under way.
    pub refreshing: RwSignal<bool>,
    /// Why the last refresh did not finish, as a sentence; None when it did.
    pub problem: RwSignal<Option<String>>,
}

impl Default for TrackerSignals {
    fn default() -> Self {
        TrackerSignals {
            revision: RwSignal::new(0),
            unseen: RwSignal::new(0),
            refreshing: RwSignal::new(false),
            problem: RwSignal::new(None),
        }
    }
}

/// Said when the server asks the app to slow down.
const RATE_LIMITED: &str =
    "The city's server asked for fewer requests; statuses will be checked again later.";

/// Shared handle to this tab's tracker.
#[derive(Clone)]
pub struct Tracker {
    inner: Rc<Inner>,
}

struct Inner {
    db: Db,
    catalogue: Catalogue,
    signals: TrackerSignals,
    interval_ms: u64,
    /// The `ETag` of each status URL's last answer.
    etags: RefCell<HashMap<String, String>>,
    /// One refresh at a time, and one more pass when asked meanwhile.
    rerun: Rerun,
    failures: Cell<u32>,
    /// No refresh before this time: the server asked for a pause (429).
    paused_until_ms: Cell<u64>,
    next: Planned,
}

impl Tracker {
    pub fn new(db: Db, catalogue: Catalogue, signals: TrackerSignals, interval_ms: u64) -> Self {
        Tracker {
            inner: Rc::new(Inner {
                db,
                catalogue,
                signals,
                interval_ms,
                etags: RefCell::default(),
                rerun: Rerun::default(),
                failures: Cell::new(0),
                paused_until_ms: Cell::new(0),
                next: Planned::default(),
            }),
        }
    }

    pub(super) fn db(&self) -> &Db {
        &self.inner.db
    }

    pub(super) fn catalogue(&self) -> &Catalogue {
        &self.inner.catalogue
    }

    /// Refreshes now, or right after the refresh under way.
    pub fn refresh(&self) {
        // The server asked for a pause; the planned refresh ends it.
        if now_ms() < self.inner.paused_until_ms.get() {
            return;
        }
        if !self.inner.rerun.start() {
            return;
        }
        let tracker = self.clone();
        leptos::task::spawn_local(async move {
            tracker.inner.signals.refreshing.set(true);
            let mut ended;
            loop {
                ended = tracker.run().await;
                if !tracker.inner.rerun.again() {
                    break;
                }
            }
            tracker.inner.signals.refreshing.set(false);
            tracker.after(ended);
        });
    }

    /// Re-reads the followed requests after a change made on this page (followed, stopped
    /// following, looked at).
    pub(super) async fn changed(&self) {
        let Ok(all) = followed::list_tracked(&self.inner.db).await else {
            return;
        };
        let unseen = all.iter().map(|t| t.unseen_changes).sum();
        self.inner.signals.unseen.set(unseen);
        notify::set_badge(unseen);
        self.inner.signals.revision.update(|r| *r += 1);
    }

    async fn run(&self) -> Ended {
        let Ok(followed) = followed::list_tracked(&self.inner.db).await else {
            return Ended::Failed;
        };
        let ids: Vec<ServiceRequestId> = followed.into_iter().map(|t| t.id).collect();
        let endpoints = self.inner.catalogue.endpoints().await;
        let mut ended = Ended::Done;
        for query in status_queries(&ids) {
            let url = endpoints.requests(&query.params());
            let etag = self.inner.etags.borrow().get(&url).cloned();
            let headers: Vec<(&str, &str)> = etag
                .iter()
                .map(|tag| ("If-None-Match", tag.as_str()))
                .collect();
            let answer = match http::get(&url, &headers).await {
                Ok(answer) => answer,
                Err(error) => {
                    ended = self.failed(error.user_message());
                    break;
                }
            };
            match answer.status {
                // Nothing changed in this batch since its last answer.
                304 => self.apply(query.members(), Vec::new(), true).await,
                429 => {
                    let retry_after_ms = answer
                        .retry_after
                        .as_deref()
                        .and_then(|value| retry_after::parse(value, now_ms()));
                    self.inner
                        .signals
                        .problem
                        .set(Some(RATE_LIMITED.to_owned()));
                    ended = Ended::RateLimited { retry_after_ms };
                    break;
                }
                _ => match answer.decode::<ServiceRequest>(endpoints.format()) {
                    Ok(fetched) => {
                        if let Some(tag) = answer.etag {
                            self.inner.etags.borrow_mut().insert(url, tag);
                        }
                        self.apply(query.members(), fetched, false).await;
                    }
                    Err(error) => {
                        ended = self.failed(error.user_message());
                        break;
                    }
                },
            }
        }
        if ended == Ended::Done {
            self.inner.failures.set(0);
            self.inner.signals.problem.set(None);
        } else {
            self.inner.failures.set(self.inner.failures.get() + 1);
        }
        self.changed().await;
        ended
    }

    fn failed(&self, sentence: String) -> Ended {
        self.inner
            .signals
            .problem
            .set(Some(format!("Statuses could not be checked: {sentence}")));
        Ended::Failed
    }

    /// Stores what the server said of the followed requests in `batch` (`not_modified`: that
    /// nothing changed since its last answer), and tells the person what changed.
    async fn apply(
        &self,
        batch: &[ServiceRequestId],
        fetched: Vec<ServiceRequest>,
        not_modified: bool,
    ) {
        let now = now_ms();
        let mut by_id: HashMap<ServiceRequestId, ServiceRequest> = fetched
            .into_iter()
            .filter_map(|r| Some((r.service_request_id.clone()?, r)))
            .collect();
        let refreshed = followed::update_each(&self.inner.db, batch, |followed: TrackedRequest| {
            match by_id.remove(&followed.id) {
                Some(request) => {
                    let Refreshed { tracked, changes } = refresh(followed, request, now);
                    let shown = notice(&tracked, &changes);
                    (tracked, shown)
                }
                None if not_modified => (
                    TrackedRequest {
                        refreshed_ms: Some(now),
                        ..followed
                    },
                    None,
                ),
                // Not in the answer: left as it was, and checked again next time.
                None => (followed, None),
            }
        })
        .await;
        for shown in refreshed.into_iter().flatten().flatten() {
            notify::show(&shown).await;
        }
    }

    /// Plans the next refresh.
    fn after(&self, ended: Ended) {
        let now = now_ms();
        let at = next_refresh_ms(
            now,
            self.inner.interval_ms,
            ended,
            self.inner.failures.get(),
            jitter(),
        );
        if let Ended::RateLimited { .. } = ended {
            self.inner.paused_until_ms.set(at);
        }
        // A weak handle: a planned refresh must not keep a dropped tracker alive.
        let tracker = Rc::downgrade(&self.inner);
        self.inner.next.at(at.saturating_sub(now), move || {
            let Some(inner) = tracker.upgrade() else {
                return;
            };
            let tracker = Tracker { inner };
            if page_visible() {
                tracker.refresh();
            } else {
                // Hidden pages refresh when they are shown again.
                tracker.after(Ended::Done);
            }
        });
    }
}
