//! The demo city drawn as XYZ raster tiles (Web Mercator, 256 px): land, the lake, and the
//! grid's streets, main ones wider. Streets of the grid run due north-south and east-west, so
//! each is a band of columns or rows of a tile.

use std::f64::consts::PI;
use std::io::Cursor;

use anyhow::Result;

use super::grid::{self, METRES_PER_NUMBER, REACH, Runs, SHORE, STREETS};

pub const SIZE: u32 = 256;
pub const MIN_ZOOM: u8 = 13;
pub const MAX_ZOOM: u8 = 18;

const LAND: [u8; 3] = [242, 239, 233];
const WATER: [u8; 3] = [170, 211, 223];
const STREET: [u8; 3] = [255, 255, 255];
const STREET_EDGE: [u8; 3] = [205, 199, 192];
const MAJOR: [u8; 3] = [252, 214, 164];
const MAJOR_EDGE: [u8; 3] = [206, 163, 110];

/// A tile's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tile {
    pub z: u8,
    pub x: u32,
    pub y: u32,
}

/// The world pixel (at zoom `z`) of a longitude and a latitude.
fn world_pixel(z: u8, lat: f64, long: f64) -> (f64, f64) {
    let n = f64::from(SIZE) * f64::from(1_u32 << z);
    let x = (long + 180.0) / 360.0 * n;
    let lat = lat.to_radians();
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0 * n;
    (x, y)
}

/// The longitude and latitude of a world pixel at zoom `z`.
fn degrees(z: u8, x: f64, y: f64) -> (f64, f64) {
    let n = f64::from(SIZE) * f64::from(1_u32 << z);
    let long = x / n * 360.0 - 180.0;
    let lat = (PI * (1.0 - 2.0 * y / n)).sinh().atan().to_degrees();
    (lat, long)
}

/// Every tile from [`MIN_ZOOM`] to [`MAX_ZOOM`] that shows part of the demo city.
pub fn covering() -> Vec<Tile> {
    let reach = f64::from(REACH);
    let (north, west) = grid::to_degrees(-reach, reach);
    let (south, east) = grid::to_degrees(reach, -reach);
    let mut tiles = Vec::new();
    for z in MIN_ZOOM..=MAX_ZOOM {
        let (left, top) = world_pixel(z, north, west);
        let (right, bottom) = world_pixel(z, south, east);
        let tile = |pixel: f64| (pixel / f64::from(SIZE)).floor() as u32;
        for x in tile(left)..=tile(right) {
            for y in tile(top)..=tile(bottom) {
                tiles.push(Tile { z, x, y });
            }
        }
    }
    tiles
}

/// What a band of pixels across a street is: its edge or its middle.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Band {
    None,
    Edge { major: bool },
    Middle { major: bool },
}

/// The band at grid number `at` across streets running `runs`, for a pixel `metres_per_pixel`
/// wide, where `along` is the other grid coordinate.
fn band(runs: Runs, at: f64, along: f64, metres_per_pixel: f64) -> Band {
    if along.abs() > f64::from(REACH) {
        return Band::None;
    }
    STREETS
        .iter()
        .filter(|street| street.runs == runs)
        .map(|street| {
            let away = (at - f64::from(street.at)).abs() * METRES_PER_NUMBER;
            let half = if street.major { 14.0 } else { 9.0 };
            // Never thinner than a pixel, so that every street shows at every zoom.
            let middle = f64::max(half, 0.6 * metres_per_pixel);
            if away <= middle {
                Band::Middle {
                    major: street.major,
                }
            } else if away <= middle + metres_per_pixel {
                Band::Edge {
                    major: street.major,
                }
            } else {
                Band::None
            }
        })
        .max()
        .unwrap_or(Band::None)
}

/// The tile as a PNG.
pub fn render(tile: Tile) -> Result<Vec<u8>> {
    let size = SIZE as usize;
    let left = f64::from(tile.x * SIZE);
    let top = f64::from(tile.y * SIZE);
    // Grid coordinates of each column's and each row's pixel centre.
    let columns: Vec<f64> = (0..size)
        .map(|px| {
            let (lat, long) = degrees(tile.z, left + px as f64 + 0.5, top);
            grid::to_grid(lat, long).0
        })
        .collect();
    let rows: Vec<f64> = (0..size)
        .map(|py| {
            let (lat, long) = degrees(tile.z, left, top + py as f64 + 0.5);
            grid::to_grid(lat, long).1
        })
        .collect();
    let metres_per_pixel = (columns[size - 1] - columns[0]) / (size - 1) as f64 * METRES_PER_NUMBER;
    let mut pixels = Vec::with_capacity(size * size * 3);
    for &north in &rows {
        for &east in &columns {
            let colour = if east > f64::from(SHORE) {
                WATER
            } else {
                let across = band(Runs::NorthSouth, east, north, metres_per_pixel).max(band(
                    Runs::EastWest,
                    north,
                    east,
                    metres_per_pixel,
                ));
                match across {
                    Band::None => LAND,
                    Band::Edge { major: false } => STREET_EDGE,
                    Band::Edge { major: true } => MAJOR_EDGE,
                    Band::Middle { major: false } => STREET,
                    Band::Middle { major: true } => MAJOR,
                }
            };
            pixels.extend(colour);
        }
    }
    let image =
        image::RgbImage::from_raw(SIZE, SIZE, pixels).expect("the buffer is the tile's size");
    let mut png = Cursor::new(Vec::new());
    image.write_to(&mut png, image::ImageFormat::Png)?;
    Ok(png.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_pixels_and_degrees_are_inverse() {
        let (x, y) = world_pixel(16, 41.8841, -87.6312);
        let (lat, long) = degrees(16, x, y);
        assert!((lat - 41.8841).abs() < 1e-9 && (long - -87.6312).abs() < 1e-9);
        // The tile of State and Madison at zoom 16, as any XYZ map numbers it.
        let (x, y) = world_pixel(16, grid::ORIGIN.0, grid::ORIGIN.1);
        assert_eq!(((x / 256.0) as u32, (y / 256.0) as u32), (16_815, 24_356));
    }

    #[test]
    fn the_city_is_covered_at_each_zoom() {
        let tiles = covering();
        for z in MIN_ZOOM..=MAX_ZOOM {
            assert!(tiles.iter().any(|t| t.z == z), "zoom {z}");
        }
        // About 4.8 km a side: 43 tiles of 114 m at zoom 18.
        let at_18 = tiles.iter().filter(|t| t.z == 18).count();
        assert!((1_600..2_100).contains(&at_18), "{at_18}");
    }

    #[test]
    fn state_street_is_drawn_and_the_lake_is_water() {
        let (x, y) = world_pixel(18, grid::ORIGIN.0, grid::ORIGIN.1);
        let tile = Tile {
            z: 18,
            x: (x / 256.0) as u32,
            y: (y / 256.0) as u32,
        };
        let png = render(tile).unwrap();
        let image = image::load_from_memory(&png).unwrap().to_rgb8();
        let (px, py) = ((x % 256.0) as u32, (y % 256.0) as u32);
        assert_eq!(image.get_pixel(px, py).0, MAJOR, "State and Madison");
        let (x, y) = world_pixel(18, grid::ORIGIN.0, grid::to_degrees(700.0, 0.0).1);
        let lake = render(Tile {
            z: 18,
            x: (x / 256.0) as u32,
            y: (y / 256.0) as u32,
        })
        .unwrap();
        let lake = image::load_from_memory(&lake).unwrap().to_rgb8();
        assert_eq!(
            lake.get_pixel((x % 256.0) as u32, (y % 256.0) as u32).0,
            WATER
        );
    }
}
