//! Taking turns without Web Locks: the `localStorage` lease, in a real browser page.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use gloo_timers::future::sleep;
use report311::platform::lease::{self, Lease};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

#[wasm_bindgen_test]
async fn two_holders_take_turns_and_give_it_back() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let turn = |who: &'static str| {
        let log = log.clone();
        lease::hold("test-turns", move || async move {
            log.borrow_mut().push(format!("{who} starts"));
            sleep(Duration::from_millis(300)).await;
            log.borrow_mut().push(format!("{who} ends"));
        })
    };
    futures::join!(turn("a"), turn("b"));
    let log = log.borrow();
    let starts_then_ends = |first: &str, second: &str| -> Vec<String> {
        [
            (first, "starts"),
            (first, "ends"),
            (second, "starts"),
            (second, "ends"),
        ]
        .map(|(who, what)| format!("{who} {what}"))
        .to_vec()
    };
    assert!(
        *log == starts_then_ends("a", "b") || *log == starts_then_ends("b", "a"),
        "{log:?}"
    );
    assert_eq!(
        storage().get_item("report311-lease:test-turns").unwrap(),
        None
    );
}

#[wasm_bindgen_test]
async fn a_lease_another_page_holds_is_waited_for_and_one_run_out_is_taken() {
    let key = "report311-lease:test-wait";
    let held = serde_json::to_string(&Lease::new("another page", now_ms())).unwrap();
    storage().set_item(key, &held).unwrap();
    let started = Rc::new(RefCell::new(false));
    let waiting = {
        let started = started.clone();
        lease::hold("test-wait", move || async move {
            *started.borrow_mut() = true;
        })
    };
    let check = async {
        sleep(Duration::from_millis(1_200)).await;
        assert!(!*started.borrow(), "ran while another page held the lease");
        // The other page closes: its lease runs out.
        let gone = Lease {
            holder: "another page".to_owned(),
            until_ms: now_ms() - 1,
        };
        storage()
            .set_item(key, &serde_json::to_string(&gone).unwrap())
            .unwrap();
    };
    futures::join!(waiting, check);
    assert!(*started.borrow());
    assert_eq!(storage().get_item(key).unwrap(), None);
}
