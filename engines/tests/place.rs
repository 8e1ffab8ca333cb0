//! Where exactly, in Firefox and WebKit: an address chosen from the geocoder's matches, then
//! the photo's own place chosen over it; the server gets the photo's coordinates, the typed
//! address, and a photo without a position. And the map: its tiles, and the pin moved by
//! keyboard to where the report is sent.

use anyhow::{Result, ensure};
use engine_tests::{Engine, Page, Server, Setup};

/// Where `phone-12mp-orient6-gps.jpg` was taken, by its EXIF.
const PHOTO: (f64, f64) = (41.8781, -87.6298);

/// The pothole form, answered, placed by choosing 121 N LaSalle St (City Hall) among the
/// geocoder's matches for what the person typed.
async fn pothole_at_city_hall(page: &Page) -> Result<()> {
    page.open_service("Pothole in Street").await?;
    page.click("radio", "Traffic lane").await?;
    page.fill("Street address or nearest intersection", "121 N La")
        .await?;
    page.click("button", "121 N LaSalle St").await
}

#[tokio::test(flavor = "current_thread")]
async fn firefox_places_a_report_by_address_then_where_its_photo_was_taken() -> Result<()> {
    address_then_photo_place(Engine::Firefox).await
}

#[tokio::test(flavor = "current_thread")]
async fn webkit_places_a_report_by_address_then_where_its_photo_was_taken() -> Result<()> {
    address_then_photo_place(Engine::WebKit).await
}

async fn address_then_photo_place(engine: Engine) -> Result<()> {
    let setup = Setup::from_env()?;
    let server = Server::start(&setup)?;
    let page = Page::open(engine, &server.url).await?;
    pothole_at_city_hall(&page).await?;
    page.wait_for_text("Location of the address: 41.884")
        .await?;

    page.choose_file("Choose photos", &setup.photo("phone-12mp-orient6-gps.jpg"))
        .await?;
    page.find("button", "Remove photo 1").await?;
    page.click_starting("button", "Use where the photo was taken (")
        .await?;
    page.wait_for_text("Location where the photo was taken: 41.87810, -87.62980.")
        .await?;

    let description = format!("{} pothole where the photo was taken", engine.name());
    page.fill("Describe the problem", &description).await?;
    page.click("button", "Review report").await?;
    page.click("button", "Submit report").await?;
    page.wait_for_path("/outbox").await?;
    let filed = server.wait_for_one(&description).await?;
    let name = engine.name();
    ensure!(
        filed.address.as_deref() == Some("121 N LaSalle St"),
        "{name}: address {:?}",
        filed.address
    );
    let (lat, long) = (filed.lat.unwrap_or(0.0), filed.long.unwrap_or(0.0));
    ensure!(
        (lat - PHOTO.0).abs() < 1e-5 && (long - PHOTO.1).abs() < 1e-5,
        "{name}: filed at {lat}, {long}"
    );
    ensure!(
        filed.photos.len() == 1,
        "{name}: {} photos",
        filed.photos.len()
    );
    ensure!(
        !filed.photos[0].bytes.windows(6).any(|w| w == b"Exif\0\0"),
        "{name}: the stored photo keeps an EXIF block"
    );
    page.close().await
}

#[tokio::test(flavor = "current_thread")]
async fn firefox_moves_the_pin_by_keyboard_to_where_the_report_is_sent() -> Result<()> {
    pin_by_keyboard(Engine::Firefox).await
}

#[tokio::test(flavor = "current_thread")]
async fn webkit_moves_the_pin_by_keyboard_to_where_the_report_is_sent() -> Result<()> {
    pin_by_keyboard(Engine::WebKit).await
}

const MAP: &str = "Map of the problem's place";
const ARROW_RIGHT: &str = "\u{E014}";
/// One keyboard step at zoom 17: 10 px of a world 256 × 2^17 px wide.
const STEP_DEG: f64 = 10.0 * 360.0 / (256.0 * 131_072.0);

/// The map opens at an address (WebKitGTK under automation has no location to give); one
/// step east, then four more: the status line's coordinates move by four steps, and the
/// server stores the last of them.
async fn pin_by_keyboard(engine: Engine) -> Result<()> {
    let name = engine.name();
    let setup = Setup::from_env()?;
    let server = Server::start(&setup)?;
    let page = Page::open(engine, &server.url).await?;
    pothole_at_city_hall(&page).await?;
    page.find("application", MAP).await?;
    // The demo city's tiles, at street level, loaded.
    page.wait_for_count("img.leaflet-tile-loaded[src*='/tiles/17/']", |n| n > 0)
        .await?;

    page.press("application", MAP, ARROW_RIGHT).await?;
    let first = pinned_at(&page).await?;
    page.press("application", MAP, &ARROW_RIGHT.repeat(4))
        .await?;
    page.wait_for_text("Pin on the map at").await?;
    let mut last = pinned_at(&page).await?;
    for _ in 0..25 {
        if (last.1 - first.1 - 4.0 * STEP_DEG).abs() < 2e-6 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        last = pinned_at(&page).await?;
    }
    ensure!(
        (last.0 - first.0).abs() < 1e-6 && (last.1 - first.1 - 4.0 * STEP_DEG).abs() < 2e-6,
        "{name}: the pin went from {first:?} to {last:?}"
    );

    let description = format!("{name} pothole placed by keyboard");
    page.fill("Describe the problem", &description).await?;
    page.click("button", "Review report").await?;
    page.click("button", "Submit report").await?;
    page.wait_for_path("/outbox").await?;
    let filed = server.wait_for_one(&description).await?;
    let (lat, long) = (filed.lat.unwrap_or(0.0), filed.long.unwrap_or(0.0));
    ensure!(
        (lat - last.0).abs() < 1e-6 && (long - last.1).abs() < 1e-6,
        "{name}: filed at {lat}, {long}, the status said {last:?}"
    );
    page.close().await
}

/// The pin's coordinates as the status line says them.
async fn pinned_at(page: &Page) -> Result<(f64, f64)> {
    let started = std::time::Instant::now();
    loop {
        for status in page.statuses().await? {
            if let Some(rest) = status.trim().strip_prefix("Pin on the map at ") {
                let rest = rest.trim_end_matches('.');
                if let Some((lat, long)) = rest.split_once(", ") {
                    return Ok((lat.parse()?, long.parse()?));
                }
            }
        }
        ensure!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "{}: no status line says where the pin is",
            page.engine.name()
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "current_thread")]
async fn firefox_shows_a_saved_area_with_the_tile_server_stopped() -> Result<()> {
    saved_area_offline(Engine::Firefox).await
}

#[tokio::test(flavor = "current_thread")]
async fn webkit_shows_a_saved_area_with_the_tile_server_stopped() -> Result<()> {
    saved_area_offline(Engine::WebKit).await
}

const SHIFT_ARROW_RIGHT: &str = "\u{E008}\u{E014}\u{E008}";
const LOADING_TILE: &str = "img.leaflet-tile:not(.leaflet-tile-loaded)";

/// The area around an address saved from the map; then with the server (tiles and all)
/// stopped, the kept report's map shows every tile, also once the pin has moved the map on.
async fn saved_area_offline(engine: Engine) -> Result<()> {
    let setup = Setup::from_env()?;
    let mut server = Server::start(&setup)?;
    let page = Page::open(engine, &server.url).await?;
    page.goto("/").await?;
    page.wait_for_worker().await?;
    pothole_at_city_hall(&page).await?;
    page.wait_for_count("img.leaflet-tile-loaded", |n| n > 0)
        .await?;
    page.click("button", "Save this area for offline").await?;
    page.wait_for_text("map tiles, about").await?;
    page.click("button", "Save area").await?;
    page.wait_for_text("This area's map works with no signal.")
        .await?;

    server.stop();
    page.reload().await?;
    page.click("button", "Continue").await?;
    page.find("application", MAP).await?;
    page.wait_for_count("img.leaflet-tile-loaded", |n| n > 0)
        .await?;
    page.wait_for_count(LOADING_TILE, |n| n == 0).await?;
    let seen = page.loaded_tiles().await?;
    // The pin taken 1,000 px east (900 m, still in the area): the map follows it onto tiles
    // never shown before, which only the saved area holds.
    for _ in 0..20 {
        page.press("application", MAP, SHIFT_ARROW_RIGHT).await?;
    }
    page.wait_for_text("Pin on the map at").await?;
    page.wait_for_count(LOADING_TILE, |n| n == 0).await?;
    let now = page.loaded_tiles().await?;
    let new: Vec<&String> = now.iter().filter(|tile| !seen.contains(tile)).collect();
    ensure!(
        !new.is_empty(),
        "{}: no tile shown that was not shown before the pin moved ({now:?})",
        engine.name()
    );
    page.close().await
}
