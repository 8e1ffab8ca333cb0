//! The map under "Where is the problem?": the city's tiles, the arithmetic of tiles, moving
//! the pin, and keeping an area's tiles for offline use.

pub mod area;
pub mod leaflet;
pub mod nudge;
pub mod offline;
pub mod tile_source;
pub mod tiles;

pub use tile_source::TileSource;
