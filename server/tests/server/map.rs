//! Map tiles (`--tiles DIR`) and the Nominatim subset (`--gazetteer FILE`), and what the
//! served app is told of them.

use std::fs;

use tempfile::TempDir;

use crate::harness::{Server, get, with_credentials};

const PNG: &[u8] = include_bytes!("../fixtures/sign-20x10.png");

fn tiles_dir() -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("16/16814")).unwrap();
    fs::write(dir.path().join("16/16814/24358.png"), PNG).unwrap();
    fs::write(
        dir.path().join("tiles.json"),
        r#"{"tilejson":"3.0.0","attribution":"Demo map: a generated street grid","minzoom":13,"maxzoom":18}"#,
    )
    .unwrap();
    dir
}

fn gazetteer_file(dir: &TempDir) -> String {
    let path = dir.path().join("gazetteer.csv");
    fs::write(
        &path,
        "# latitude,longitude,address\n\
         41.8835410,-87.6318600,121 N LaSalle St\n\
         41.8835410,-87.6330000,121 N Wells St\n\
         41.8819500,-87.6278600,1 N State St\n",
    )
    .unwrap();
    path.display().to_string()
}

fn start(tiles: &TempDir, app: Option<&TempDir>) -> Server {
    let data = TempDir::new().unwrap();
    let gazetteer = gazetteer_file(tiles);
    let tiles_path = tiles.path().display().to_string();
    let mut extra = vec!["--tiles", &tiles_path, "--gazetteer", &gazetteer];
    let app_path = app.map(|dir| dir.path().display().to_string());
    if let Some(app) = &app_path {
        extra.extend(["--app", app]);
    }
    let mut server = Server::start_in(data.path(), &with_credentials(&extra));
    server.keep(data);
    server
}

#[test]
fn tiles_are_served_as_png_to_any_origin_and_a_missing_one_is_a_404() {
    let tiles = tiles_dir();
    let server = start(&tiles, None);
    let reply = crate::harness::try_send(
        "GET",
        &server.url("/tiles/16/16814/24358.png"),
        &[("Origin", "https://report311.example")],
        None,
    )
    .unwrap()
    .expect(200);
    assert_eq!(reply.header("content-type"), Some("image/png"));
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    assert!(reply.header("cache-control").unwrap().starts_with("public"));
    assert_eq!(reply.body, PNG);
    get(&server.url("/tiles/16/16814/24359.png")).expect(404);
    get(&server.url("/tiles/16/..%2F..%2Ftiles.json/1.png")).expect(404);
    get(&server.url("/tiles/16/16814/24358.jpg")).expect(404);
}

#[test]
fn search_finds_what_a_person_types_as_nominatim_answers() {
    let tiles = tiles_dir();
    let server = start(&tiles, None);
    let found = get(&server.url("/geocoder/search?q=121%20N%20La&format=jsonv2&limit=5"))
        .expect(200)
        .json();
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let place = &found[0];
    assert_eq!(place["display_name"], "121 N LaSalle St");
    assert_eq!(place["lat"], "41.8835410");
    assert_eq!(place["lon"], "-87.6318600");
    assert_eq!(place["address"]["house_number"], "121");
    assert_eq!(place["address"]["road"], "N LaSalle St");
    assert!(place["place_id"].is_number());
    assert_eq!(place["boundingbox"].as_array().unwrap().len(), 4);

    let all = get(&server.url("/geocoder/search?q=121&limit=1"))
        .expect(200)
        .json();
    assert_eq!(all.as_array().unwrap().len(), 1);
    let none = get(&server.url("/geocoder/search?q=Nowhere%20Rd&format=json"))
        .expect(200)
        .json();
    assert_eq!(none, serde_json::json!([]));
    get(&server.url("/geocoder/search?format=jsonv2")).expect(400);
    get(&server.url("/geocoder/search?q=121&format=xml")).expect(400);
}

#[test]
fn reverse_gives_the_nearest_address_or_nominatims_error() {
    let tiles = tiles_dir();
    let server = start(&tiles, None);
    let near = get(&server.url("/geocoder/reverse?lat=41.88352&lon=-87.63190&format=jsonv2"))
        .expect(200)
        .json();
    assert_eq!(near["display_name"], "121 N LaSalle St");
    let far = get(&server.url("/geocoder/reverse?lat=41.95&lon=-87.63&format=jsonv2"))
        .expect(200)
        .json();
    assert_eq!(far, serde_json::json!({ "error": "Unable to geocode" }));
    get(&server.url("/geocoder/reverse?lat=north&lon=-87.63")).expect(400);
    get(&server.url("/geocoder/reverse?lat=95&lon=-87.63")).expect(400);
}

#[test]
fn the_served_app_is_pointed_at_the_tiles_and_the_geocoder() {
    let tiles = tiles_dir();
    let app = TempDir::new().unwrap();
    fs::write(app.path().join("index.html"), "<!doctype html>").unwrap();
    let server = start(&tiles, Some(&app));
    let config = get(&server.url("/config.json")).expect(200).json();
    assert_eq!(
        config["map_tiles"],
        serde_json::json!({
            "url": "/tiles/{z}/{x}/{y}.png",
            "attribution": "Demo map: a generated street grid",
            "min_zoom": 13,
            "max_zoom": 18,
        })
    );
    assert_eq!(config["geocoder"], "/geocoder");
    // Server paths are never the app's page.
    get(&server.url("/tiles/16/16814/1.png")).expect(404);
    get(&server.url("/geocoder/other")).expect(404);
}

#[test]
fn a_bad_tile_set_or_gazetteer_stops_the_server_with_a_sentence() {
    let tiles = TempDir::new().unwrap();
    fs::write(
        tiles.path().join("tiles.json"),
        r#"{"attribution":"x","minzoom":18,"maxzoom":13}"#,
    )
    .unwrap();
    let data = TempDir::new().unwrap();
    let tiles_path = tiles.path().display().to_string();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_open311-server"))
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(data.path())
        .args(["--tiles", &tiles_path])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("minzoom 18 is above maxzoom 13"), "{said}");

    let gazetteer = tiles.path().join("bad.csv");
    fs::write(&gazetteer, "41.88,-87.63\n").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_open311-server"))
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(data.path())
        .arg("--gazetteer")
        .arg(&gazetteer)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("line 1 is not `latitude,longitude,address`"),
        "{said}"
    );
}
