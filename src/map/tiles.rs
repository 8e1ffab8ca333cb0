//! Web Mercator tile arithmetic: which tile holds a point, and which tiles cover an area
//! (what "Save this area for offline" downloads).

use std::f64::consts::PI;

use crate::geography::Point;

/// One map tile, as XYZ servers number them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileId {
    pub z: u8,
    pub x: u32,
    pub y: u32,
}

/// Web Mercator stops short of the poles.
const MAX_LATITUDE: f64 = 85.051_128_78;
/// The Earth's mean radius, as distances are measured everywhere in the app.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Where `point` lies on the Web Mercator square, each coordinate from 0 to 1 (west to east,
/// north to south).
pub(super) fn mercator(point: Point) -> (f64, f64) {
    let x = (point.longitude + 180.0) / 360.0;
    let lat = point
        .latitude
        .clamp(-MAX_LATITUDE, MAX_LATITUDE)
        .to_radians();
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0;
    (x, y)
}

/// The point at `(x, y)` of the Web Mercator square; `x` wraps around the antimeridian.
pub(super) fn from_mercator(x: f64, y: f64) -> Point {
    let latitude = (PI * (1.0 - 2.0 * y.clamp(0.0, 1.0)))
        .sinh()
        .atan()
        .to_degrees()
        .clamp(-MAX_LATITUDE, MAX_LATITUDE);
    Point {
        latitude,
        longitude: x.rem_euclid(1.0) * 360.0 - 180.0,
    }
}

/// The position of `point` in tiles at zoom `z` (fractional: the tile is the whole part).
fn tile_position(point: Point, z: u8) -> (f64, f64) {
    let n = f64::from(1_u32 << z);
    let (x, y) = mercator(point);
    (x * n, y * n)
}

/// The address of `tile` by an XYZ `template` (one `TileSource` checked).
pub(super) fn tile_url(template: &str, tile: TileId) -> String {
    template
        .replace("{z}", &tile.z.to_string())
        .replace("{x}", &tile.x.to_string())
        .replace("{y}", &tile.y.to_string())
}

/// The tile that holds `point` at zoom `z`.
pub fn tile_of(point: Point, z: u8) -> TileId {
    let (x, y) = tile_position(point, z);
    let last = (1_u32 << z) - 1;
    // Within 0..2^z by the clamping above; the cast only drops the fraction.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let index = |v: f64| (v.floor().max(0.0) as u32).min(last);
    TileId {
        z,
        x: index(x),
        y: index(y),
    }
}

/// Every tile, at every zoom in `zooms`, that shows part of the square of half-side
/// `radius_m` around `centre`, from the widest zoom down.
pub fn covering(centre: Point, radius_m: f64, zooms: std::ops::RangeInclusive<u8>) -> Vec<TileId> {
    let d_lat = (radius_m / EARTH_RADIUS_M).to_degrees();
    let d_long = d_lat / centre.latitude.to_radians().cos().max(1e-6);
    let north_west = Point {
        latitude: (centre.latitude + d_lat).min(MAX_LATITUDE),
        longitude: (centre.longitude - d_long).max(-180.0),
    };
    let south_east = Point {
        latitude: (centre.latitude - d_lat).max(-MAX_LATITUDE),
        longitude: (centre.longitude + d_long).min(180.0 - 1e-9),
    };
    let mut tiles = Vec::new();
    for z in zooms {
        let (from, to) = (tile_of(north_west, z), tile_of(south_east, z));
        for x in from.x..=to.x {
            for y in from.y..=to.y {
                tiles.push(TileId { z, x, y });
            }
        }
    }
    tiles
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATE_AND_MADISON: Point = Point {
        latitude: 41.881_95,
        longitude: -87.627_83,
    };

    #[test]
    fn the_tile_of_a_point_is_the_one_xyz_servers_number() {
        assert_eq!(
            tile_of(STATE_AND_MADISON, 16),
            TileId {
                z: 16,
                x: 16_815,
                y: 24_356
            }
        );
        assert_eq!(tile_of(STATE_AND_MADISON, 0), TileId { z: 0, x: 0, y: 0 });
        let pole = Point {
            latitude: 90.0,
            longitude: 180.0,
        };
        assert_eq!(tile_of(pole, 2), TileId { z: 2, x: 3, y: 0 });
    }

    #[test]
    fn a_kilometre_around_covers_about_18_tiles_a_side_at_zoom_18() {
        let tiles = covering(STATE_AND_MADISON, 1_000.0, 13..=18);
        let at = |z| tiles.iter().filter(|t| t.z == z).count();
        // A tile is about 114 m wide at zoom 18 here: 2 km is 17.6 tiles, so 18 or 19 a side.
        assert!((18 * 18..=19 * 19).contains(&at(18)), "{}", at(18));
        assert!((1..=4).contains(&at(13)), "{}", at(13));
        assert_eq!(tiles.first().map(|t| t.z), Some(13));
        assert!(tiles.contains(&tile_of(STATE_AND_MADISON, 18)));
    }
}
