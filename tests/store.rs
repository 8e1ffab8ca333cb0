//! The storage layer against real IndexedDB, in a real browser page (Chromium and Firefox).
#![cfg(target_arch = "wasm32")]

use std::pin::pin;
use std::slice;
use std::sync::Arc;

use futures::future::{Either, select};
use idb::{DatabaseEvent, Factory, KeyPath, ObjectStoreParams, TransactionMode};
use js_sys::{Array, Promise, Reflect, Uint8Array};
use open311::{
    Answer, ApiError, AttributeCode, Contact, Discovery, Draft, Endpoint, Format, Service,
    ServiceCode, ServiceDefinition, ServiceRequest, ServiceRequestId, Status, Token,
};
use report311::capture::photo::CompressedPhoto;
use report311::catalogue::kept as catalogue;
use report311::outbox::OutboxReport;
use report311::outbox::ReportIdentity;
use report311::outbox::SavedDraft;
use report311::outbox::StoredPhoto;
use report311::outbox::Written;
use report311::outbox::delivery::{Delivery, Retry};
use report311::outbox::drafts;
use report311::outbox::remembered_contact;
use report311::outbox::reports;
use report311::store::{self, Db, IdempotencyKey, StoreError, VERSION, quota};
use report311::tracker::TrackedRequest;
use report311::tracker::followed;
use report311::user_message::UserMessage;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::DomException;

wasm_bindgen_test_configure!(run_in_browser);

/// A database name no other test uses.
fn unique_name(test: &str) -> String {
    format!(
        "{}-test-{test}-{}",
        store::DEFAULT_NAME,
        store::ReportId::random()
    )
}

/// A report with something in every part of its draft.
fn sample_report(service_name: &str, now_ms: u64) -> OutboxReport {
    let mut draft = Draft {
        service_code: ServiceCode::new("001"),
        description: Some("A deep pothole by the bus stop".to_owned()),
        ..Draft::default()
    };
    draft.location.lat = Some(41.878_113_7);
    draft.location.long = Some(-87.629_798_2);
    draft.attributes.insert(
        AttributeCode::new("WHERE"),
        Answer::Single("curb".to_owned()),
    );
    draft.attributes.insert(
        AttributeCode::new("TAGS"),
        Answer::Multi(vec!["deep".to_owned(), "wide".to_owned()]),
    );
    draft.contact.email = Some("resident@example.org".to_owned());
    OutboxReport::new(ReportIdentity::random(), service_name, draft, now_ms)
}

/// Runs `test` on a database of its own, deleted afterwards.
async fn with_database(prefix: &str, test: impl AsyncFnOnce(Db, String)) {
    let name = unique_name(prefix);
    let db = store::open(&name).await.unwrap();
    test(db, name.clone()).await;
    delete(&name).await;
}

/// Photo bytes covering every byte value, `len` long.
fn photo_bytes(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(7).wrapping_add(seed))
        .collect()
}

/// A report with two photos of 64 KiB each.
fn report_with_photos(service_name: &str, now_ms: u64) -> (OutboxReport, Vec<StoredPhoto>) {
    let mut report = sample_report(service_name, now_ms);
    let photos = vec![
        report.attach("image/jpeg", 1600, 1200, photo_bytes(65_536, 1)),
        report.attach("image/webp", 1200, 1600, photo_bytes(65_536, 2)),
    ];
    (report, photos)
}

/// A connection as another tab (or an older build) would hold it: no `versionchange` handler,
/// so it never lets go by itself.
async fn raw_connection(name: &str, version: Option<u32>) -> idb::Database {
    Factory::new()
        .unwrap()
        .open(name, version)
        .unwrap()
        .await
        .unwrap()
}

/// The record under `key` in `store`, exactly as IndexedDB holds it.
async fn raw_record(name: &str, store: &str, key: &str) -> JsValue {
    let database = raw_connection(name, None).await;
    let transaction = database
        .transaction(&[store], TransactionMode::ReadOnly)
        .unwrap();
    let record = transaction
        .object_store(store)
        .unwrap()
        .get(JsValue::from_str(key))
        .unwrap()
        .await
        .unwrap()
        .expect("the record is stored");
    database.close();
    record
}

/// How many records `store` holds.
async fn raw_count(name: &str, store: &str) -> u32 {
    let database = raw_connection(name, None).await;
    let transaction = database
        .transaction(&[store], TransactionMode::ReadOnly)
        .unwrap();
    let count = transaction
        .object_store(store)
        .unwrap()
        .count(None)
        .unwrap()
        .await
        .unwrap();
    database.close();
    count
}

/// Creates the database at the current version by hand, with `photos` made by `make_photos`,
/// so a test can give it a photos store that refuses what the app writes.
async fn create_with_photos_store(name: &str, make_photos: fn(&idb::Database)) {
    let mut request = Factory::new().unwrap().open(name, Some(VERSION)).unwrap();
    request.on_upgrade_needed(move |event| {
        let database = event.database().unwrap();
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("id")));
        database
            .create_object_store("outbox", params)
            .unwrap()
            .create_index("created_ms", KeyPath::new_single("created_ms"), None)
            .unwrap();
        let mut draft_params = ObjectStoreParams::new();
        draft_params.key_path(Some(KeyPath::new_single("id")));
        database
            .create_object_store("drafts", draft_params)
            .unwrap()
            .create_index("service_code", KeyPath::new_single("service_code"), None)
            .unwrap();
        make_photos(&database);
    });
    request.await.unwrap().close();
}

/// The one document of `json`, read as the app reads a server's answer.
fn decode_one<T: open311::Resource>(json: &str) -> T {
    open311::decode(open311::Format::Json, json.as_bytes())
        .unwrap()
        .remove(0)
}

/// What `work` gives, failing the test if that takes longer than `seconds`: a hang is a bug.
async fn within_seconds<T>(seconds: i32, work: impl Future<Output = T>) -> T {
    let timer = JsFuture::from(Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, seconds * 1000)
            .unwrap();
    }));
    match select(pin!(work), timer).await {
        Either::Left((done, _)) => done,
        Either::Right(_) => panic!("still waiting after {seconds} s"),
    }
}

/// Removes a test's database.
async fn delete(name: &str) {
    store::delete_database(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn opening_from_nothing_creates_every_store_and_index() {
    with_database("create", async |db, name| {
        let raw = raw_connection(&name, None).await;
        assert_eq!(raw.version().unwrap(), VERSION);
        let mut stores = raw.store_names();
        stores.sort();
        assert_eq!(
            stores,
            [
                "catalogue",
                "drafts",
                "outbox",
                "photos",
                "settings",
                "tracked"
            ]
        );
        let transaction = raw
            .transaction(&["outbox", "photos"], TransactionMode::ReadOnly)
            .unwrap();
        let outbox_store = transaction.object_store("outbox").unwrap();
        assert_eq!(
            outbox_store.key_path().unwrap(),
            Some(KeyPath::new_single("id"))
        );
        assert_eq!(outbox_store.index_names(), ["created_ms"]);
        assert_eq!(
            transaction.object_store("photos").unwrap().index_names(),
            ["report_id"]
        );
        raw.close();

        assert_eq!(reports::list_reports(&db).await.unwrap(), []);
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_saved_report_lists_without_bytes_and_its_photos_come_back_as_stored() {
    with_database("save", async |db, name| {
        let (report, photos) = report_with_photos("Pothole", 1_700_000_000_000);
        reports::save_report(&db, &report, &photos).await.unwrap();

        assert_eq!(
            reports::list_reports(&db).await.unwrap(),
            slice::from_ref(&report)
        );
        assert_eq!(
            reports::get_report(&db, &report.id).await.unwrap(),
            Some(report.clone())
        );
        let read = reports::photos_of(&db, &report.id).await.unwrap();
        assert_eq!(read, photos, "byte for byte, in the order taken");

        // The bytes are kept as binary: not a list of numbers, not a Blob.
        for photo in &photos {
            let record = raw_record(&name, "photos", photo.id.as_str()).await;
            let bytes = Reflect::get(&record, &JsValue::from_str("bytes")).unwrap();
            assert!(
                bytes.is_instance_of::<Uint8Array>(),
                "stored as a Uint8Array"
            );
            assert!(!Array::is_array(&bytes), "not an array of numbers");
            assert_eq!(bytes.unchecked_ref::<Uint8Array>().to_vec(), photo.bytes);
        }
        // The outbox record carries no photo bytes (128 KiB of them were saved).
        let record = raw_record(&name, "outbox", report.id.as_str()).await;
        let size = js_sys::JSON::stringify(&record).unwrap().length();
        assert!(size < 2_000, "the outbox record is {size} characters");
    })
    .await;
}

#[wasm_bindgen_test]
async fn reports_list_oldest_first() {
    with_database("order", async |db, _| {
        for created_ms in [30, 10, 20] {
            let report = sample_report(&format!("made at {created_ms}"), created_ms);
            reports::save_report(&db, &report, &[]).await.unwrap();
        }
        let listed: Vec<u64> = reports::list_reports(&db)
            .await
            .unwrap()
            .iter()
            .map(|report| report.created_ms)
            .collect();
        assert_eq!(listed, [10, 20, 30]);
    })
    .await;
}

#[wasm_bindgen_test]
async fn every_delivery_state_survives_closing_and_reopening() {
    let name = unique_name("reopen");
    let mut db = store::open(&name).await.unwrap();
    let report = sample_report("Pothole", 1);
    reports::save_report(&db, &report, &[]).await.unwrap();

    let retry = Retry {
        attempts: 3,
        not_before_ms: 1_700_000_060_000,
        last_error: Some("The network is offline.".to_owned()),
    };
    let states = [
        Delivery::Sending {
            retry: retry.clone(),
        },
        Delivery::Queued {
            retry: retry.clone(),
            maybe_delivered: true,
        },
        Delivery::AwaitingId {
            token: Token::new("12345"),
            retry,
        },
        Delivery::NeedsAttention {
            errors: vec![ApiError::new("400", "Choose where the pothole is.")],
        },
        Delivery::Submitted {
            id: Some(ServiceRequestId::new("638344")),
        },
        Delivery::Submitted { id: None },
    ];
    for (updated_ms, state) in (100..).zip(states) {
        let updated = reports::update_delivery(&db, &report.id, state.clone(), updated_ms)
            .await
            .unwrap()
            .expect("the report is saved");
        assert_eq!(updated.delivery, state);

        drop(db);
        db = store::open(&name).await.unwrap();
        let reread = reports::get_report(&db, &report.id).await.unwrap().unwrap();
        assert_eq!(reread.delivery, state);
        assert_eq!(reread.updated_ms, updated_ms);
        assert_eq!(reread.draft, report.draft);
    }

    let gone = store::ReportId::random();
    assert_eq!(
        reports::update_delivery(&db, &gone, Delivery::default(), 1)
            .await
            .unwrap(),
        None
    );
    drop(db);
    delete(&name).await;
}

#[wasm_bindgen_test]
async fn only_a_refused_report_is_replaced_with_its_kept_and_added_photos() {
    with_database("replace", async |db, name| {
        let (report, photos) = report_with_photos("Pothole", 1);
        reports::save_report(&db, &report, &photos).await.unwrap();
        let fixed_draft = Draft {
            description: Some("At 5th and Main".to_owned()),
            ..report.draft.clone()
        };
        let kept = [photos[1].id.clone()];
        let added = [Arc::new(CompressedPhoto {
            bytes: photo_bytes(1_000, 3),
            width: 1600,
            height: 900,
            place: None,
        })];

        let key_of_fix = IdempotencyKey::random();
        let replace = async |now_ms| {
            reports::replace_report(
                &db,
                &report.id,
                &key_of_fix,
                fixed_draft.clone(),
                &kept,
                &added,
                now_ms,
            )
            .await
            .unwrap()
        };
        let queued = replace(2).await;
        assert_eq!(queued, None, "a report the city has not refused stays");
        assert_eq!(
            reports::get_report(&db, &report.id).await.unwrap(),
            Some(report.clone())
        );
        assert_eq!(reports::photos_of(&db, &report.id).await.unwrap(), photos);

        let refused = Delivery::NeedsAttention {
            errors: vec![ApiError::new("400", "Where exactly?")],
        };
        reports::update_delivery(&db, &report.id, refused, 3)
            .await
            .unwrap();
        let replaced = replace(4).await.expect("a refused report is replaced");
        assert_eq!(replaced.idempotency_key, key_of_fix);
        assert_eq!(replaced.delivery, Delivery::default());
        assert_eq!(replaced.draft, fixed_draft);
        assert_eq!(
            reports::get_report(&db, &report.id).await.unwrap(),
            Some(replaced.clone())
        );
        let now_with = reports::photos_of(&db, &report.id).await.unwrap();
        assert_eq!(now_with.len(), 2);
        assert_eq!(now_with[0], photos[1], "the kept photo comes first");
        assert_eq!(
            (now_with[1].width, &now_with[1].bytes),
            (1600, &added[0].bytes)
        );
        assert!(now_with.iter().all(|photo| replaced.owns(photo)));
        assert_eq!(
            raw_count(&name, "photos").await,
            2,
            "the dropped photo is deleted"
        );

        // A second tap on the fix's "Send again" finds the fix saved under its key: nothing
        // changes, and no photo is added twice.
        let again = reports::replace_report(
            &db,
            &report.id,
            &key_of_fix,
            Draft::default(),
            &[],
            &added,
            5,
        )
        .await
        .unwrap();
        assert_eq!(again, Some(replaced.clone()));
        assert_eq!(raw_count(&name, "photos").await, 2);
    })
    .await;
}

#[wasm_bindgen_test]
async fn deleting_a_report_deletes_its_photos_and_nothing_else() {
    with_database("delete", async |db, name| {
        let (gone, gone_photos) = report_with_photos("Pothole", 1);
        let (kept, kept_photos) = report_with_photos("Graffiti", 2);
        reports::save_report(&db, &gone, &gone_photos)
            .await
            .unwrap();
        reports::save_report(&db, &kept, &kept_photos)
            .await
            .unwrap();
        assert_eq!(raw_count(&name, "photos").await, 4);

        reports::delete_report(&db, &gone.id).await.unwrap();

        assert_eq!(reports::get_report(&db, &gone.id).await.unwrap(), None);
        assert_eq!(reports::photos_of(&db, &gone.id).await.unwrap(), []);
        assert_eq!(raw_count(&name, "photos").await, 2);
        assert_eq!(
            reports::list_reports(&db).await.unwrap(),
            slice::from_ref(&kept)
        );
        assert_eq!(
            reports::photos_of(&db, &kept.id).await.unwrap(),
            kept_photos
        );
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_photo_that_cannot_be_written_leaves_no_report_behind() {
    // The photo write throws at once (its record lacks the store's key), or fails later (a
    // unique index refuses the second photo): either way the report must not be kept.
    let broken: [fn(&idb::Database); 2] = [
        |database| {
            let mut params = ObjectStoreParams::new();
            params.key_path(Some(KeyPath::new_single("no_such_field")));
            database.create_object_store("photos", params).unwrap();
        },
        |database| {
            let mut params = ObjectStoreParams::new();
            params.key_path(Some(KeyPath::new_single("id")));
            let mut unique = idb::IndexParams::new();
            unique.unique(true);
            database
                .create_object_store("photos", params)
                .unwrap()
                .create_index("report_id", KeyPath::new_single("report_id"), Some(unique))
                .unwrap();
        },
    ];
    for make_photos in broken {
        let name = unique_name("atomic");
        create_with_photos_store(&name, make_photos).await;
        let db = store::open(&name).await.unwrap();
        let (report, photos) = report_with_photos("Pothole", 1);

        let saved = reports::save_report(&db, &report, &photos).await;
        assert!(
            matches!(saved, Err(StoreError::Other(_))),
            "the save fails: {saved:?}"
        );
        assert_eq!(reports::list_reports(&db).await.unwrap(), []);
        assert_eq!(raw_count(&name, "photos").await, 0);
        drop(db);
        delete(&name).await;
    }
}

#[wasm_bindgen_test]
async fn photos_of_another_report_are_refused_before_anything_is_written() {
    with_database("stray", async |db, _| {
        let (report, _) = report_with_photos("Pothole", 1);
        let (_, strays) = report_with_photos("Graffiti", 2);
        let saved = reports::save_report(&db, &report, &strays).await;
        assert!(matches!(saved, Err(StoreError::Other(_))), "{saved:?}");
        assert_eq!(reports::list_reports(&db).await.unwrap(), []);
    })
    .await;
}

#[wasm_bindgen_test]
fn a_quota_exception_is_recognised_however_it_arrives() {
    let full = DomException::new_with_message_and_name(
        "The quota has been exceeded.",
        "QuotaExceededError",
    )
    .unwrap();
    // Reported by a request or a transaction, or thrown by a call and wrapped.
    let reported = StoreError::from(idb::Error::DomException(full.clone()));
    let thrown = StoreError::from(idb::Error::UpdateFailed(full.into()));
    assert_eq!(reported, StoreError::QuotaExceeded);
    assert_eq!(thrown, StoreError::QuotaExceeded);
    assert!(
        reported
            .user_message()
            .contains("Your report was not saved yet")
    );

    let other = DomException::new_with_message_and_name("no key", "DataError").unwrap();
    assert_eq!(
        StoreError::from(idb::Error::AddFailed(other.into())),
        StoreError::Other("DataError: no key".to_owned())
    );
}

#[wasm_bindgen_test]
async fn an_upgrade_blocked_by_another_tab_is_reported_not_awaited() {
    let name = unique_name("blocked");
    let (report, photos) = report_with_photos("Pothole", 1);
    let db = store::open(&name).await.unwrap();
    reports::save_report(&db, &report, &photos).await.unwrap();
    drop(db);

    let other_tab = raw_connection(&name, Some(VERSION)).await;
    let outcome = within_seconds(5, store::open_at(&name, VERSION + 1)).await;
    assert_eq!(outcome.map(drop), Err(StoreError::Blocked));
    assert_eq!(
        StoreError::Blocked.user_message(),
        "Report311 is open in another tab with an older version. Close the other tab to continue."
    );

    // Once the other tab closes, the database is still the one the app opens, with everything
    // in it.
    other_tab.close();
    let db = store::open(&name).await.unwrap();
    assert_eq!(
        reports::list_reports(&db).await.unwrap(),
        slice::from_ref(&report)
    );
    assert_eq!(reports::photos_of(&db, &report.id).await.unwrap(), photos);
    drop(db);
    delete(&name).await;
}

#[wasm_bindgen_test]
async fn a_newer_version_elsewhere_makes_this_page_step_aside() {
    with_database("outdated", async |db, name| {
        // A newer build opens at a higher version; this connection must let go for it to proceed.
        let newer = within_seconds(5, raw_connection(&name, Some(VERSION + 1))).await;
        assert_eq!(
            reports::list_reports(&db).await,
            Err(StoreError::Outdated),
            "the old page says so instead of failing obscurely"
        );
        assert_eq!(
            store::open(&name).await.map(drop),
            Err(StoreError::Outdated),
            "older code cannot open a newer database"
        );
        newer.close();
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_catalogue_keeps_what_was_fetched_and_when() {
    with_database("catalogue", async |db, _| {
        assert_eq!(catalogue::get_discovery(&db).await.unwrap(), None);
        assert_eq!(catalogue::get_services(&db).await.unwrap(), None);

        let discovery = Discovery {
            changeset: Some("2024-01-01 00:00".to_owned()),
            endpoints: vec![Endpoint {
                url: Some("https://311.example.org/v2".to_owned()),
                formats: vec!["application/json".to_owned()],
                ..Endpoint::default()
            }],
            ..Discovery::default()
        };
        catalogue::put_discovery(&db, &discovery, 10).await.unwrap();
        let cached = catalogue::get_discovery(&db).await.unwrap().unwrap();
        assert_eq!((cached.value, cached.fetched_ms), (discovery, 10));

        let services = vec![
            Service {
                service_code: ServiceCode::new("001"),
                service_name: "Pothole".to_owned(),
                metadata: true,
                keywords: vec!["road".to_owned(), "hole".to_owned()],
                ..Service::default()
            },
            Service {
                service_code: ServiceCode::new("002"),
                service_name: "Graffiti".to_owned(),
                ..Service::default()
            },
        ];
        let list = |services: &[Service], format| catalogue::ServiceList {
            services: services.to_vec(),
            format,
        };
        catalogue::put_services(&db, &list(&services, Format::Json), 20)
            .await
            .unwrap();
        catalogue::put_services(&db, &list(&services[..1], Format::Xml), 30)
            .await
            .unwrap();
        let cached = catalogue::get_services(&db).await.unwrap().unwrap();
        assert_eq!(
            (cached.value, cached.fetched_ms),
            (list(&services[..1], Format::Xml), 30),
            "the newest fetch replaces the older"
        );

        let definition = decode_one::<ServiceDefinition>(
            r#"{"service_code":"001","attributes":[{"variable":true,"code":"WHERE",
            "datatype":"singlevaluelist","required":true,"description":"Where is it?",
            "order":1,"values":[{"key":"curb","name":"At the curb"}]}]}"#,
        );
        assert_eq!(definition.attributes.len(), 1);
        catalogue::put_definition(&db, &definition, 40)
            .await
            .unwrap();
        let cached = catalogue::get_definition(&db, &ServiceCode::new("001"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!((cached.value, cached.fetched_ms), (definition, 40));
        assert_eq!(
            catalogue::get_definition(&db, &ServiceCode::new("002"))
                .await
                .unwrap(),
            None
        );
    })
    .await;
}

#[wasm_bindgen_test]
async fn followed_requests_round_trip() {
    with_database("tracked", async |db, _| {
        let later = TrackedRequest::new(ServiceRequestId::new("002"), 200);
        let request = decode_one::<ServiceRequest>(
            r#"[{"service_request_id":"001","status":"open","service_name":"Pothole",
            "requested_datetime":"2024-01-02T03:04:05-06:00","lat":41.87,"long":-87.62,
            "notes":[{"type":"human","summary":"Crew sent","datetime":"2024-01-03T10:00:00Z"}]}]"#,
        );
        assert_eq!(request.status, Some(Status::Open));
        let earlier = TrackedRequest {
            request: Some(request),
            refreshed_ms: Some(150),
            unseen_changes: 2,
            ..TrackedRequest::new(ServiceRequestId::new("001"), 100)
        };
        followed::put_tracked(&db, &later).await.unwrap();
        followed::put_tracked(&db, &earlier).await.unwrap();

        assert_eq!(
            followed::get_tracked(&db, &earlier.id).await.unwrap(),
            Some(earlier.clone())
        );
        assert_eq!(
            followed::list_tracked(&db).await.unwrap(),
            [earlier.clone(), later.clone()]
        );
        followed::delete_tracked(&db, &earlier.id).await.unwrap();
        assert_eq!(followed::get_tracked(&db, &earlier.id).await.unwrap(), None);
        assert_eq!(
            followed::list_tracked(&db).await.unwrap(),
            std::slice::from_ref(&later)
        );

        // A refresh writes back only what is still followed.
        let seen = followed::update_each(&db, &[earlier.id.clone(), later.id.clone()], |t| {
            let id = t.id.clone();
            (
                TrackedRequest {
                    refreshed_ms: Some(300),
                    ..t
                },
                id,
            )
        })
        .await
        .unwrap();
        assert_eq!(seen, std::slice::from_ref(&later.id));
        assert_eq!(followed::get_tracked(&db, &earlier.id).await.unwrap(), None);
        assert_eq!(
            followed::get_tracked(&db, &later.id)
                .await
                .unwrap()
                .and_then(|t| t.refreshed_ms),
            Some(300)
        );
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_contact_is_remembered() {
    with_database("settings", async |db, _| {
        assert_eq!(remembered_contact::get_contact(&db).await.unwrap(), None);
        let contact = Contact {
            first_name: Some("Ada".to_owned()),
            last_name: Some("Lovelace".to_owned()),
            email: Some("ada@example.org".to_owned()),
            phone: None,
        };
        remembered_contact::put_contact(&db, &contact)
            .await
            .unwrap();
        assert_eq!(
            remembered_contact::get_contact(&db).await.unwrap(),
            Some(contact)
        );
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_browser_reports_usage_and_answers_the_persistence_request() {
    let usage = quota::estimate()
        .await
        .expect("the browser gives an estimate");
    assert!(usage.quota > 0, "{usage:?}");
    assert!(usage.usage <= usage.quota, "{usage:?}");
    assert!(quota::describe_usage(usage.usage, usage.quota).contains(" used of "));
    // Chromium grants persistence by site engagement, which a test page lacks; Firefox asks
    // the person, and the test profile answers no (webdriver.json). The call must come back
    // with an answer, and asking again gives the same one.
    let granted = quota::persist().await;
    assert_eq!(quota::persist().await, granted);
}

/// A draft of `report`'s service with the photos `photos`, under `identity`.
fn draft_of(identity: &ReportIdentity, saved_ms: u64, photos: &[StoredPhoto]) -> SavedDraft {
    let report = sample_report("Pothole in Street", 0);
    SavedDraft {
        id: identity.id.clone(),
        idempotency_key: identity.idempotency_key.clone(),
        service_code: report.draft.service_code.clone(),
        service_name: report.service_name,
        draft: report.draft,
        photo_ids: photos.iter().map(|photo| photo.id.clone()).collect(),
        saved_ms,
    }
}

/// A photo of the draft or report `identity`.
fn photo_of(identity: &ReportIdentity, seed: u8) -> StoredPhoto {
    let compressed = CompressedPhoto {
        bytes: photo_bytes(4_096, seed),
        width: 1600,
        height: 1200,
        place: None,
    };
    StoredPhoto::jpeg(store::PhotoId::random(), identity.id.clone(), &compressed)
}

#[wasm_bindgen_test]
async fn a_report_filed_twice_under_one_identity_is_kept_once() {
    with_database("twice", async |db, name| {
        let identity = ReportIdentity::random();
        let draft = sample_report("Pothole", 0).draft;
        let mut first = OutboxReport::new(identity.clone(), "Pothole", draft.clone(), 1);
        let photos = [first.attach("image/jpeg", 2, 2, photo_bytes(100, 1))];
        // A second tap builds the report again, later, under the same identity.
        let mut second = OutboxReport::new(identity.clone(), "Pothole", draft, 2);
        let second_photos = [second.attach("image/jpeg", 2, 2, photo_bytes(100, 2))];

        // Three taps in one task: three transactions queued before any has run.
        let (a, b, c) = futures::join!(
            reports::save_report(&db, &first, &photos),
            reports::save_report(&db, &second, &second_photos),
            reports::save_report(&db, &first, &photos),
        );
        assert_eq!(
            [a.unwrap(), b.unwrap(), c.unwrap()],
            [Written::Done, Written::AlreadyFiled, Written::AlreadyFiled]
        );
        assert_eq!(reports::list_reports(&db).await.unwrap(), [first.clone()]);
        assert_eq!(
            raw_count(&name, "photos").await,
            1,
            "the second tap's photo is not kept"
        );
        assert_eq!(reports::photos_of(&db, &identity.id).await.unwrap(), photos);

        // Another report is another identity, and is filed.
        let other = sample_report("Graffiti", 3);
        assert_eq!(
            reports::save_report(&db, &other, &[]).await.unwrap(),
            Written::Done
        );
        assert_eq!(reports::list_reports(&db).await.unwrap().len(), 2);
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_draft_is_kept_with_its_photos_and_becomes_the_report_it_is_filed_as() {
    with_database("draft", async |db, name| {
        let identity = ReportIdentity::random();
        let (one, two) = (photo_of(&identity, 1), photo_of(&identity, 2));
        let code = ServiceCode::new("001");
        assert_eq!(drafts::draft_for(&db, &code).await.unwrap(), None);

        let early = draft_of(&identity, 10, slice::from_ref(&one));
        assert_eq!(
            drafts::save_draft(&db, &early, slice::from_ref(&one))
                .await
                .unwrap(),
            Written::Done
        );
        // The person adds a photo and removes the first: the kept photos follow.
        let later = draft_of(&identity, 20, slice::from_ref(&two));
        drafts::save_draft(&db, &later, slice::from_ref(&two))
            .await
            .unwrap();
        assert_eq!(
            drafts::draft_for(&db, &code).await.unwrap(),
            Some(later.clone())
        );
        assert_eq!(
            drafts::draft_for(&db, &ServiceCode::new("002"))
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            drafts::list_drafts(&db).await.unwrap(),
            slice::from_ref(&later)
        );
        assert_eq!(
            drafts::draft_photos(&db, &identity.id).await.unwrap(),
            slice::from_ref(&two)
        );
        assert_eq!(raw_count(&name, "photos").await, 1);

        // Filed: the draft goes in the same transaction, the photo becomes the report's.
        let mut report = OutboxReport::new(
            identity.clone(),
            "Pothole in Street",
            later.draft.clone(),
            30,
        );
        report.photo_ids = vec![two.id.clone()];
        assert_eq!(
            reports::save_report(&db, &report, slice::from_ref(&two))
                .await
                .unwrap(),
            Written::Done
        );
        assert_eq!(drafts::list_drafts(&db).await.unwrap(), []);
        assert_eq!(
            reports::photos_of(&db, &identity.id).await.unwrap(),
            slice::from_ref(&two)
        );

        // A save of the draft that arrives after the filing brings nothing back, and "Start
        // over" on a stale screen leaves the report's photos.
        assert_eq!(
            drafts::save_draft(&db, &later, slice::from_ref(&two))
                .await
                .unwrap(),
            Written::AlreadyFiled
        );
        drafts::discard_draft(&db, &identity.id).await.unwrap();
        assert_eq!(drafts::list_drafts(&db).await.unwrap(), []);
        assert_eq!(reports::photos_of(&db, &identity.id).await.unwrap(), [two]);
    })
    .await;
}

#[wasm_bindgen_test]
async fn starting_over_deletes_the_draft_and_its_photos_only() {
    with_database("start-over", async |db, name| {
        let (gone, stays) = (ReportIdentity::random(), ReportIdentity::random());
        let gone_photo = photo_of(&gone, 1);
        let stays_photo = photo_of(&stays, 2);
        drafts::save_draft(
            &db,
            &draft_of(&gone, 1, slice::from_ref(&gone_photo)),
            slice::from_ref(&gone_photo),
        )
        .await
        .unwrap();
        let kept = draft_of(&stays, 2, slice::from_ref(&stays_photo));
        drafts::save_draft(&db, &kept, slice::from_ref(&stays_photo))
            .await
            .unwrap();
        drafts::discard_draft(&db, &gone.id).await.unwrap();
        assert_eq!(drafts::list_drafts(&db).await.unwrap(), [kept]);
        assert_eq!(raw_count(&name, "photos").await, 1);
        assert_eq!(
            drafts::draft_photos(&db, &stays.id).await.unwrap(),
            [stays_photo]
        );
    })
    .await;
}

#[wasm_bindgen_test]
async fn following_twice_at_once_keeps_one_record_and_its_history() {
    with_database("follow-twice", async |db, _| {
        let id = ServiceRequestId::new("638344");
        let first = TrackedRequest::new(id.clone(), 1);
        let later = TrackedRequest::new(id.clone(), 2);
        let (a, b) = futures::join!(
            followed::follow_if_absent(&db, &first),
            followed::follow_if_absent(&db, &later),
        );
        assert_eq!((a.unwrap(), b.unwrap()), (true, false));
        assert_eq!(followed::list_tracked(&db).await.unwrap(), [first]);
    })
    .await;
}
