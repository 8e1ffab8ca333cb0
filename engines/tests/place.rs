//! Where exactly, in Firefox and WebKit: an address chosen from the geocoder's matches, then
//! the photo's own place chosen over it; the server gets the photo's coordinates, the typed
//! address, and a photo without a position.

use anyhow::{Result, ensure};
use engine_tests::{Engine, Page, Server, Setup};

/// Where `phone-12mp-orient6-gps.jpg` was taken, by its EXIF.
const PHOTO: (f64, f64) = (41.8781, -87.6298);

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
    page.goto("/report").await?;
    page.click("link", "Pothole in Street").await?;
    page.click("radio", "Traffic lane").await?;

    page.fill("Street address or nearest intersection", "121 N La")
        .await?;
    page.click("button", "121 N LaSalle St").await?;
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
