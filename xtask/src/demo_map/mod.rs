//! The demo city's map tiles and gazetteer, for `cargo xtask run` and the tests: generated,
//! since no street data can be downloaded here, and labelled as demo data on the map.
//! A city points the app at its own tile server and geocoder instead.

mod grid;
mod tiles;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::workspace;

/// Bumped when what is generated changes, so that an old copy is replaced.
const VERSION: &str = "2";
/// What the map says of its data, on the map.
pub const ATTRIBUTION: &str =
    "Demo map: Chicago's street grid drawn from its address numbers, not real map data";

/// Where the demo data is, generated if missing or out of date.
pub struct DemoMap {
    pub tiles: PathBuf,
    pub gazetteer: PathBuf,
}

impl DemoMap {
    /// The server arguments that serve it.
    pub fn server_args(&self) -> Vec<String> {
        vec![
            "--tiles".into(),
            self.tiles.display().to_string(),
            "--gazetteer".into(),
            self.gazetteer.display().to_string(),
        ]
    }
}

pub fn ensure() -> Result<DemoMap> {
    let dir = workspace::root().join("target").join("demo-map");
    let map = DemoMap {
        tiles: dir.join("tiles"),
        gazetteer: dir.join("gazetteer.csv"),
    };
    let stamp = dir.join("version");
    if std::fs::read_to_string(&stamp).is_ok_and(|v| v == VERSION) {
        return Ok(map);
    }
    println!(
        "==> drawing the demo city's map tiles and gazetteer into {}",
        dir.display()
    );
    let _ = std::fs::remove_dir_all(&dir);
    write_tiles(&map.tiles)?;
    std::fs::write(&map.gazetteer, gazetteer())?;
    std::fs::write(&stamp, VERSION)?;
    Ok(map)
}

fn write_tiles(dir: &Path) -> Result<()> {
    for tile in tiles::covering() {
        let folder = dir.join(tile.z.to_string()).join(tile.x.to_string());
        std::fs::create_dir_all(&folder)?;
        let png = tiles::render(tile)?;
        let file = folder.join(format!("{}.png", tile.y));
        std::fs::write(&file, png).with_context(|| format!("writing {}", file.display()))?;
    }
    let about = serde_json::json!({
        "tilejson": "3.0.0",
        "attribution": ATTRIBUTION,
        "minzoom": tiles::MIN_ZOOM,
        "maxzoom": tiles::MAX_ZOOM,
    });
    std::fs::write(dir.join("tiles.json"), about.to_string())?;
    Ok(())
}

/// Every house number of every street of the grid, both ways from the zero line.
fn gazetteer() -> String {
    let mut text =
        String::from("# Demo addresses on Chicago's grid (latitude,longitude,address)\n");
    for street in &grid::STREETS {
        // Not in the lake: east-west streets end at the shore.
        let last = match street.runs {
            grid::Runs::EastWest => grid::SHORE,
            grid::Runs::NorthSouth => grid::REACH,
        };
        for number in (-grid::REACH..=last).filter(|&n| n != 0) {
            let (lat, long) = grid::place(street, number);
            let _ = writeln!(text, "{lat:.7},{long:.7},{}", grid::address(street, number));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gazetteer_holds_121_n_lasalle_once() {
        let text = gazetteer();
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| l.ends_with(",121 N LaSalle St"))
            .collect();
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with("41.88"), "{}", lines[0]);
        assert!(text.contains(",500 E Madison St\n"));
        assert!(!text.contains(",501 E Madison St\n"), "in the lake");
    }
}
