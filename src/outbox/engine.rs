//! The sync loop: delivers every due report, resolves tokens, and plans the next run.
//!
//! Each transition is written to IndexedDB before the network call that follows it, so the
//! page (or the service worker) may die at any moment and the next run picks up where this one
//! stopped. The same loop runs in pages and in the service worker: it tells what it did to a
//! [`SyncObserver`], and uses no Leptos.

use std::cell::Cell;
use std::rc::Rc;

use futures::StreamExt;
use open311::{MediaPart, ServiceRequest, ServiceRequestId};

use super::already_filed::{find_filed, search_since};
use super::delivery::{Delivery, Due};
use super::lock;
use super::outcome::{PostOutcome, TokenOutcome, classify_post, classify_token, unanswered};
use super::status::SyncStatus;
use crate::catalogue::Catalogue;
use crate::client::Endpoints;
use crate::client::http::{self, Body};
use crate::config::AppConfig;
use crate::outbox::OutboxReport;
use crate::outbox::reports;
use crate::platform::rerun::Rerun;
use crate::platform::scope;
use crate::platform::timer::Planned;
use crate::store::{Db, StoreError};
use crate::time::{jitter, now_ms};
use crate::tracker::TrackedRequest;
use crate::tracker::followed;
use crate::user_message::UserMessage;

/// Reports sent at once: enough to keep a link busy while each report's own steps (its saves,
/// its photos read back, the server's answer) take turns, few enough to be kind to the server.
/// Browsers open at most six connections to one server.
const CONCURRENCY: usize = 6;

/// Where the sync loop tells what it did: the page's header and lists, or the service worker's
/// messages to open pages.
pub trait SyncObserver {
    /// The outbox at a glance, whenever it changes.
    fn status(&self, status: SyncStatus);
    /// A saved report changed: lists read the outbox again.
    fn changed(&self);
    /// A run that sent reports ended: some of them may have ids now, whose first status is
    /// worth fetching.
    fn sent(&self) {}
}

/// Shared handle to the sync loop of this tab (or worker).
#[derive(Clone)]
pub struct SyncEngine {
    inner: Rc<Inner>,
}

struct Inner {
    db: Db,
    config: AppConfig,
    catalogue: Catalogue,
    observer: Box<dyn SyncObserver>,
    /// What the observer was last told, which progress updates change.
    status: Cell<SyncStatus>,
    /// One loop at a time in this tab, and one more pass when asked meanwhile.
    rerun: Rerun,
    /// The next run tries every waiting report, backing off or not.
    urgent: Cell<bool>,
    next: Planned,
}

impl SyncEngine {
    /// A sync loop over `db`, talking to the server of `catalogue` in the format it speaks.
    pub fn new(
        db: Db,
        config: AppConfig,
        catalogue: Catalogue,
        observer: impl SyncObserver + 'static,
    ) -> Self {
        SyncEngine {
            inner: Rc::new(Inner {
                db,
                config,
                catalogue,
                observer: Box::new(observer),
                status: Cell::new(SyncStatus::default()),
                rerun: Rerun::default(),
                urgent: Cell::new(false),
                next: Planned::default(),
            }),
        }
    }

    /// Like [`request`](Self::request), but reports waiting out a backoff are tried too: the
    /// network just came back, or the person asked to send now.
    pub fn request_now(&self) {
        self.inner.urgent.set(true);
        self.request();
    }

    /// Runs a sync now, or right after the one under way in this tab.
    pub fn request(&self) {
        if !self.inner.rerun.start() {
            return;
        }
        let engine = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let urgent = engine.inner.urgent.replace(false);
                engine.locked_run(urgent).await;
                if !engine.inner.rerun.again() {
                    break;
                }
            }
            // Unreadable, the outbox plans nothing: the next trigger tries again.
            if let Ok(next) = engine.refresh().await {
                engine.schedule(next);
            }
        });
    }

    /// One run for a context with no timer of its own (the service worker woken by Background
    /// Sync): sends what is due once no page syncs. Returns when the earliest
    /// unsettled report is next due, if any is left.
    pub async fn run_once(&self, urgent: bool) -> Result<Option<u64>, StoreError> {
        self.locked_run(urgent).await;
        self.refresh().await
    }

    /// Tells lists that the outbox changed (a report was saved or edited elsewhere).
    pub fn changed(&self) {
        self.inner.observer.changed();
    }

    async fn locked_run(&self, urgent: bool) {
        let run = self.clone();
        lock::exclusive(move || async move { run.run_locked(urgent).await }).await;
    }

    async fn run_locked(&self, urgent: bool) {
        let Ok(reports) = reports::list_reports(&self.inner.db).await else {
            return;
        };
        let endpoints = self.inner.catalogue.endpoints().await;
        // Due "at the end of time" is everything not settled, whatever its backoff.
        let horizon = if urgent { u64::MAX } else { now_ms() };
        let mut due = Vec::new();
        let mut counted = SyncStatus::of(reports.iter().map(|r| &r.delivery));
        for report in reports {
            // Holding the lock, nothing else is sending: a report left "sending" was cut off.
            let report = if matches!(report.delivery, Delivery::Sending { .. }) {
                let recovered = report.delivery.clone().recovered();
                self.save(&report, recovered.clone()).await;
                OutboxReport {
                    delivery: recovered,
                    ..report
                }
            } else {
                report
            };
            if let Some(step) = report.delivery.due(horizon) {
                due.push((report, step));
            }
        }
        // Offline, a POST fails before it leaves, yet its failure would look like one that may
        // have landed, and cost every report a search of the server later. `online` starts
        // the next run.
        if !scope::online() {
            self.tell_status(counted);
            return;
        }
        let total = due.len();
        let done = Cell::new(0);
        counted.progress = Some((0, total));
        self.tell_status(counted);
        futures::stream::iter(due)
            .for_each_concurrent(CONCURRENCY, |(report, step)| {
                let (done, endpoints) = (&done, &endpoints);
                async move {
                    self.deliver(report, step, endpoints).await;
                    done.set(done.get() + 1);
                    self.set_progress(Some((done.get(), total)));
                }
            })
            .await;
        self.set_progress(None);
        if total > 0 {
            self.inner.observer.sent();
        }
    }

    fn set_progress(&self, progress: Option<(usize, usize)>) {
        self.tell_status(SyncStatus {
            progress,
            ..self.inner.status.get()
        });
    }

    fn tell_status(&self, status: SyncStatus) {
        self.inner.status.set(status);
        self.inner.observer.status(status);
    }

    async fn deliver(&self, report: OutboxReport, step: Due, endpoints: &Endpoints) {
        match step {
            Due::Post { maybe_delivered } => {
                if maybe_delivered && let Some(id) = self.find_on_server(&report, endpoints).await {
                    let found = report.delivery.clone().found_on_server(id.clone());
                    self.save(&report, found).await;
                    self.track(id).await;
                    return;
                }
                let sending = report.delivery.clone().sending();
                if !self.save(&report, sending.clone()).await {
                    return;
                }
                let outcome = self.post(&report, endpoints).await;
                let next = sending.posted(outcome, now_ms(), jitter());
                self.settle(&report, next).await;
            }
            Due::ResolveToken(token) => {
                let outcome = match http::get(&endpoints.token(&token), &[]).await {
                    Ok(answer) => classify_token(&answer, endpoints.format(), now_ms()),
                    Err(_) => TokenOutcome::Pending {
                        retry_after_ms: None,
                    },
                };
                let next = report
                    .delivery
                    .clone()
                    .token_checked(outcome, now_ms(), jitter());
                self.settle(&report, next).await;
            }
        }
    }

    /// Stores `next`, and starts tracking the request once it has an id.
    async fn settle(&self, report: &OutboxReport, next: Delivery) {
        if let Delivery::Submitted { id: Some(id) } = &next {
            self.track(id.clone()).await;
        }
        self.save(report, next).await;
    }

    async fn post(&self, report: &OutboxReport, endpoints: &Endpoints) -> PostOutcome {
        let body = match self.body(report).await {
            Ok(body) => body,
            Err(error) => {
                return PostOutcome::Transient {
                    reason: error.user_message(),
                    retry_after_ms: None,
                };
            }
        };
        let key = report.idempotency_key.as_str();
        match http::post(&endpoints.create(), &[("Idempotency-Key", key)], body).await {
            Ok(answer) => classify_post(&answer, endpoints.format(), now_ms()),
            Err(error) => unanswered(&error),
        }
    }

    /// The POST body: multipart with the photos where the server takes uploads, a form
    /// otherwise.
    async fn body(&self, report: &OutboxReport) -> Result<Body, StoreError> {
        let config = &self.inner.config;
        let mut draft = report.draft.clone();
        draft.jurisdiction_id = config.jurisdiction_id.clone();
        let api_key = Some(config.api_key.as_str()).filter(|k| !k.is_empty());
        if !config.media_upload || report.photo_ids.is_empty() {
            return Ok(Body {
                content_type: open311::FORM_CONTENT_TYPE.to_owned(),
                bytes: open311::encode_form(&draft, api_key).into_bytes(),
            });
        }
        let media: Vec<MediaPart> = reports::photos_of(&self.inner.db, &report.id)
            .await?
            .into_iter()
            .enumerate()
            .map(|(index, photo)| MediaPart {
                file_name: format!("photo-{}.jpg", index + 1),
                content_type: photo.content_type,
                bytes: photo.bytes,
            })
            .collect();
        let boundary = format!("report311-{}", report.idempotency_key.as_str());
        Ok(Body {
            content_type: open311::multipart_content_type(&boundary),
            bytes: open311::encode_multipart(&draft, api_key, &media, &boundary),
        })
    }

    /// Looks for the report among the server's recent requests of its service.
    async fn find_on_server(
        &self,
        report: &OutboxReport,
        endpoints: &Endpoints,
    ) -> Option<ServiceRequestId> {
        let since = search_since(report.created_ms);
        let url = endpoints.requests(&[
            ("service_code", report.draft.service_code.as_str()),
            ("start_date", &since),
        ]);
        let answer = http::get(&url, &[]).await.ok()?;
        let requests: Vec<ServiceRequest> = answer.decode(endpoints.format()).ok()?;
        find_filed(&report.draft, report.created_ms, &requests)
    }

    async fn track(&self, id: ServiceRequestId) {
        // Best effort: the report itself is delivered either way.
        let tracked = TrackedRequest::new(id, now_ms());
        let _ = followed::follow_if_absent(&self.inner.db, &tracked).await;
    }

    /// Writes a report's new state; false when it could not be written (the report stays as
    /// it was, and the next run tries again).
    async fn save(&self, report: &OutboxReport, delivery: Delivery) -> bool {
        let saved = reports::update_delivery(&self.inner.db, &report.id, delivery, now_ms()).await;
        self.changed();
        matches!(saved, Ok(Some(_)))
    }

    /// Counts the outbox for the status, and says when its earliest unsettled report is next
    /// due.
    async fn refresh(&self) -> Result<Option<u64>, StoreError> {
        let reports = reports::list_reports(&self.inner.db).await?;
        self.tell_status(SyncStatus::of(reports.iter().map(|r| &r.delivery)));
        Ok(reports
            .iter()
            .filter_map(|r| r.delivery.next_due_ms())
            .min())
    }

    /// Plans this tab's next run for `at_ms`, replacing the one planned.
    fn schedule(&self, at_ms: Option<u64>) {
        let Some(at_ms) = at_ms else {
            self.inner.next.cancel();
            return;
        };
        // A weak handle: a planned run must not keep a dropped engine alive.
        let engine = Rc::downgrade(&self.inner);
        let delay = at_ms.saturating_sub(now_ms()).saturating_add(50);
        self.inner.next.at(delay, move || {
            if let Some(inner) = engine.upgrade() {
                SyncEngine { inner }.request();
            }
        });
    }
}
