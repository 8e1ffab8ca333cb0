//! A place as Nominatim's `jsonv2` format writes it: coordinates and bounding box as strings,
//! ids as numbers, the address split into its parts.

use serde_json::{Value, json};

use super::gazetteer::Place;

/// Seven decimals, as Nominatim writes coordinates (about a centimetre).
fn degrees(value: f64) -> String {
    format!("{value:.7}")
}

pub fn place(index: usize, place: &Place) -> Value {
    let (house_number, road) = place.parts();
    let mut address = json!({ "road": road });
    if let Some(number) = house_number {
        address["house_number"] = Value::from(number);
    }
    // A house's box: about ten metres a side.
    let half = 0.000_05;
    json!({
        "place_id": index + 1,
        "licence": "Addresses from the gazetteer file this server was given",
        "osm_type": "node",
        "osm_id": index + 1,
        "lat": degrees(place.lat),
        "lon": degrees(place.long),
        "category": "place",
        "type": "house",
        "place_rank": 30,
        "importance": 0.0,
        "addresstype": "place",
        "name": "",
        "display_name": place.address,
        "address": address,
        "boundingbox": [
            degrees(place.lat - half),
            degrees(place.lat + half),
            degrees(place.long - half),
            degrees(place.long + half),
        ],
    })
}
