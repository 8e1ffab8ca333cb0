//! The resident's path in Firefox and WebKit: each test is one engine, a fresh browser, the
//! real reference server, and only what a person does.

use anyhow::{Result, ensure};
use engine_tests::{Engine, FiledRequest, Page, Server, Setup};
use serde_json::json;

/// A 12-megapixel phone photo stored sideways, with an EXIF orientation that turns it upright,
/// and GPS in its metadata.
const SIDEWAYS_PHOTO: &str = "phone-12mp-orient6-gps.jpg";

#[tokio::test(flavor = "current_thread")]
async fn firefox_files_a_report_through_a_server_outage_once_with_a_clean_photo() -> Result<()> {
    through_an_outage(Engine::Firefox).await
}

#[tokio::test(flavor = "current_thread")]
async fn webkit_files_a_report_through_a_server_outage_once_with_a_clean_photo() -> Result<()> {
    through_an_outage(Engine::WebKit).await
}

/// The city's server goes down while the person is filling in the form: the reloaded page
/// comes from the service worker, the report waits in the outbox, and once the server is
/// back it arrives once, its photo upright, small and without metadata.
async fn through_an_outage(engine: Engine) -> Result<()> {
    let setup = Setup::from_env()?;
    let mut server = Server::start(&setup)?;
    let page = Page::open(engine, &server.url).await?;
    page.goto("/").await?;
    page.wait_for_worker().await?;
    page.open_service("Pothole in Street").await?;
    page.find("radio", "Traffic lane").await?;

    server.stop();
    page.reload().await?;
    page.find("heading", "Pothole in Street").await?;
    page.click("radio", "Traffic lane").await?;
    page.choose_file("Choose photos", &setup.photo(SIDEWAYS_PHOTO))
        .await?;
    page.find("button", "Remove photo 1").await?;
    page.fill("Street address or nearest intersection", "121 N LaSalle St")
        .await?;
    let description = format!("{} pothole filed during an outage", engine.name());
    page.fill("Describe the problem", &description).await?;
    page.click("button", "Review report").await?;
    page.click("button", "Submit report").await?;
    page.wait_for_path("/outbox").await?;
    page.wait_for_text(&description).await?;
    // No Background Sync in this engine: the outbox says the app must be opened to send.
    page.wait_for_text("sent while Report311 is open and there is a connection.")
        .await?;
    page.wait_for_text("Open Report311 when you are back online to send these.")
        .await?;

    server.start_again()?;
    page.click("button", "Send now").await?;
    let filed = server.wait_for_one(&description).await?;
    expect_clean_photos(&filed, engine)?;
    page.close().await
}

#[tokio::test(flavor = "current_thread")]
async fn firefox_fixes_a_refused_report_and_sees_it_closed_without_a_reload() -> Result<()> {
    refused_fixed_and_tracked(Engine::Firefox).await
}

#[tokio::test(flavor = "current_thread")]
async fn webkit_fixes_a_refused_report_and_sees_it_closed_without_a_reload() -> Result<()> {
    refused_fixed_and_tracked(Engine::WebKit).await
}

/// The city refuses a report in its own words; the person fixes it in its form and sends it
/// again, it arrives once; when the city closes it, My reports shows it on the open page.
async fn refused_fixed_and_tracked(engine: Engine) -> Result<()> {
    let setup = Setup::from_env()?;
    let server = Server::start(&setup)?;
    let refusal = "This address is outside the city.";
    server.admin("POST", "/faults", Some(json!({ "refusal": refusal })))?;
    let page = Page::open(engine, &server.url).await?;
    page.open_service("Pothole in Street").await?;
    page.click("radio", "Traffic lane").await?;
    page.fill(
        "Street address or nearest intersection",
        "9999 W Nowhere Rd",
    )
    .await?;
    let description = format!("{} pothole refused, then fixed", engine.name());
    page.fill("Describe the problem", &description).await?;
    page.click("button", "Review report").await?;
    page.click("button", "Submit report").await?;
    page.wait_for_path("/outbox").await?;
    page.wait_for_text("Needs attention").await?;
    page.wait_for_text(refusal).await?;

    server.admin("DELETE", "/faults", None)?;
    page.click("link", "Fix and send again").await?;
    page.find("heading", "Fix your report").await?;
    page.fill("Street address or nearest intersection", "121 N LaSalle St")
        .await?;
    page.click("button", "Review report").await?;
    page.click("button", "Send again").await?;
    page.wait_for_path("/outbox").await?;
    page.wait_for_text("1 report has reached the city").await?;
    let filed = server.wait_for_one(&description).await?;

    page.click("link", "My reports").await?;
    page.find("heading", "My reports").await?;
    page.wait_for_text(&format!("Request {}", filed.id)).await?;
    let notifies = engine.grants_notifications();
    if notifies {
        // Allowed beforehand, as if the person had said yes to an earlier prompt.
        page.wait_for_text("Notifications are on").await?;
    }
    let closing = json!({ "type": "closed", "summary": "Pothole filled", "status": "closed" });
    server.admin(
        "POST",
        &format!("/requests/{}/notes", filed.id),
        Some(closing),
    )?;
    page.click("button", "Check statuses now").await?;
    page.wait_for_text("Pothole filled").await?;
    if notifies {
        // The device shows it through the service worker.
        let expected = json!({
            "title": format!("Pothole in Street ({}) is closed", filed.id),
            "body": "Pothole filled",
            "url": format!("/reports/{}", filed.id),
        });
        let shown = page.shown_notifications().await?;
        anyhow::ensure!(shown.contains(&expected), "notifications shown: {shown:?}");
    }
    page.close().await
}

#[tokio::test(flavor = "current_thread")]
async fn firefox_takes_an_iphone_heic_photo_as_far_as_its_decoder_allows() -> Result<()> {
    heic_photo(Engine::Firefox).await
}

#[tokio::test(flavor = "current_thread")]
async fn webkit_takes_an_iphone_heic_photo_as_far_as_its_decoder_allows() -> Result<()> {
    heic_photo(Engine::WebKit).await
}

/// A HEIC photo, as an iPhone's camera saves it: compressed like any photo where the engine
/// decodes HEIC (Safari on iOS and macOS), refused with a sentence saying what to do where it
/// does not (Firefox, and WebKitGTK as Debian builds it). The test asks the engine which.
async fn heic_photo(engine: Engine) -> Result<()> {
    let setup = Setup::from_env()?;
    let server = Server::start(&setup)?;
    let page = Page::open(engine, &server.url).await?;
    page.open_service("Pothole in Street").await?;
    let heic = Setup::own_photo("gradient.heic");
    page.choose_file("Choose photos", &heic).await?;
    if page
        .engine_decodes(&std::fs::read(&heic)?, "image/heic")
        .await?
    {
        page.find("button", "Remove photo 1").await?;
    } else {
        page.wait_for_text("This photo is in HEIC format, which this browser cannot open.")
            .await?;
    }
    page.close().await
}

#[tokio::test(flavor = "current_thread")]
async fn firefox_follows_the_open_pothole_nearby_instead_of_filing() -> Result<()> {
    follow_nearby(Engine::Firefox).await
}

/// The device's location puts the new pothole beside the open one the server was seeded with
/// (request 1): the nearby panel offers it, following it files nothing, and My reports lists
/// it. Firefox only: WebKitGTK's MiniBrowser, under automation, leaves a location request
/// waiting for a permission answer that no one can give (there is no prompt to answer and
/// WebDriver has no location override), so WebKit places its reports by address.
async fn follow_nearby(engine: Engine) -> Result<()> {
    let setup = Setup::from_env()?;
    let server = Server::start(&setup)?;
    let page = Page::open(engine, &server.url).await?;
    page.open_service("Pothole in Street").await?;
    page.click("radio", "Traffic lane").await?;
    page.click("button", "Use my location").await?;
    page.wait_for_text("Location found: 41.87810, -87.62980")
        .await?;
    page.wait_for_text("Deep pothole in the right lane").await?;
    page.click("button", "Follow this one instead (request 1)")
        .await?;
    page.wait_for_path("/reports/1").await?;
    page.find("heading", "Pothole in Street").await?;
    page.click("link", "Back to My reports").await?;
    page.wait_for_text("Request 1").await?;
    page.goto("/outbox").await?;
    page.wait_for_text("Nothing is waiting to be sent.").await?;
    page.close().await
}

/// The one photo is a JPEG, upright (portrait, as the sideways fixture is meant), at most
/// 1600 px on its long side, small, and carries no EXIF block.
fn expect_clean_photos(filed: &FiledRequest, engine: Engine) -> Result<()> {
    let name = engine.name();
    ensure!(
        filed.photos.len() == 1,
        "{name}: {} photos",
        filed.photos.len()
    );
    let photo = &filed.photos[0];
    ensure!(
        photo.content_type == "image/jpeg",
        "{name}: {}",
        photo.content_type
    );
    ensure!(
        photo.height > photo.width,
        "{name}: not upright ({}x{})",
        photo.width,
        photo.height
    );
    ensure!(
        photo.width.max(photo.height) <= 1600,
        "{name}: {}x{}",
        photo.width,
        photo.height
    );
    ensure!(
        photo.bytes.len() <= 260_000,
        "{name}: {} bytes",
        photo.bytes.len()
    );
    ensure!(
        photo.bytes.starts_with(&[0xff, 0xd8, 0xff]),
        "{name}: not a JPEG"
    );
    ensure!(
        !photo.bytes.windows(6).any(|w| w == b"Exif\0\0"),
        "{name}: an EXIF block is left"
    );
    Ok(())
}
