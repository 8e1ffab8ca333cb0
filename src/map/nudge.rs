//! Moving the pin by keyboard: a step is a fixed distance on the screen, so it is as visible
//! at street level as across the neighbourhood, and the ground it covers follows the zoom.

use super::tiles::{from_mercator, mercator};
use crate::geography::Point;

/// A step on screen, in CSS pixels.
pub const STEP_PX: f64 = 10.0;
/// With Shift held, a step is this many steps.
pub const LONG_STEP: f64 = 5.0;

/// Tiles are 256 pixels wide: the world is 256 × 2^zoom pixels across.
const TILE_PX: f64 = 256.0;
/// The equator's length, as Web Mercator measures it.
const EQUATOR_M: f64 = 40_075_016.686;

/// Which way an arrow key moves the pin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    North,
    East,
    South,
    West,
}

impl Direction {
    /// The arrow key named by `KeyboardEvent.key`, if it is one.
    pub fn of_key(key: &str) -> Option<Self> {
        match key {
            "ArrowUp" | "Up" => Some(Direction::North),
            "ArrowRight" | "Right" => Some(Direction::East),
            "ArrowDown" | "Down" => Some(Direction::South),
            "ArrowLeft" | "Left" => Some(Direction::West),
            _ => None,
        }
    }

    /// Screen pixels, x to the right and y down.
    fn unit(self) -> (f64, f64) {
        match self {
            Direction::North => (0.0, -1.0),
            Direction::East => (1.0, 0.0),
            Direction::South => (0.0, 1.0),
            Direction::West => (-1.0, 0.0),
        }
    }
}

/// `point` moved `px` screen pixels towards `direction` on a map at `zoom`.
pub fn nudge(point: Point, direction: Direction, zoom: f64, px: f64) -> Point {
    let size = world_px(zoom);
    let (x, y) = mercator(point);
    let (dx, dy) = direction.unit();
    from_mercator(x + dx * px / size, y + dy * px / size)
}

/// The ground one step covers at `latitude` on a map at `zoom`, in metres.
pub fn step_m(latitude: f64, zoom: f64) -> f64 {
    STEP_PX * EQUATOR_M * latitude.to_radians().cos() / world_px(zoom)
}

fn world_px(zoom: f64) -> f64 {
    TILE_PX * zoom.exp2()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nearby::distance::distance_m;

    const LOOP: Point = Point {
        latitude: 41.8781,
        longitude: -87.6298,
    };

    #[test]
    fn east_changes_only_the_longitude_by_the_screen_step() {
        let moved = nudge(LOOP, Direction::East, 17.0, STEP_PX);
        assert!((moved.latitude - LOOP.latitude).abs() < 1e-9);
        // 10 px of a world 256 × 2^17 px wide.
        let expected = 10.0 * 360.0 / (256.0 * 131_072.0);
        assert!((moved.longitude - LOOP.longitude - expected).abs() < 1e-12);
    }

    #[test]
    fn a_step_covers_the_ground_it_says() {
        for zoom in [13.0, 15.5, 17.0, 19.0] {
            for direction in [
                Direction::North,
                Direction::East,
                Direction::South,
                Direction::West,
            ] {
                let moved = nudge(LOOP, direction, zoom, STEP_PX);
                let said = step_m(LOOP.latitude, zoom);
                let walked = distance_m(LOOP, moved);
                assert!(
                    (walked - said).abs() / said < 0.01,
                    "{direction:?} at {zoom}: {walked} m walked, {said} m said"
                );
            }
        }
        // About 9 m at street level in Chicago: visible, and finer than a crew's search.
        assert!((step_m(LOOP.latitude, 17.0) - 8.9).abs() < 0.1);
    }

    #[test]
    fn steps_back_return_to_the_start() {
        let there = nudge(LOOP, Direction::North, 16.0, 50.0);
        let back = nudge(there, Direction::South, 16.0, 50.0);
        assert!((back.latitude - LOOP.latitude).abs() < 1e-9);
        assert!((back.longitude - LOOP.longitude).abs() < 1e-9);
    }

    #[test]
    fn the_pin_stays_on_the_map_at_its_edges() {
        let date_line = Point {
            latitude: 0.0,
            longitude: 179.999_9,
        };
        let across = nudge(date_line, Direction::East, 18.0, 100.0);
        assert!(across.longitude < -179.99, "{across:?}");
        let pole = Point {
            latitude: 85.05,
            longitude: 0.0,
        };
        assert!(nudge(pole, Direction::North, 3.0, 1000.0).latitude <= 85.051_2);
    }

    #[test]
    fn only_arrow_keys_move_the_pin() {
        assert_eq!(Direction::of_key("ArrowLeft"), Some(Direction::West));
        assert_eq!(Direction::of_key("Up"), Some(Direction::North));
        assert_eq!(Direction::of_key("a"), None);
        assert_eq!(Direction::of_key("Enter"), None);
    }
}
