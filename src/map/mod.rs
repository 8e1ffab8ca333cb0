//! The map under "Where is the problem?": the city's tiles, the arithmetic of tiles, and
//! keeping an area's tiles for offline use.

pub mod leaflet;
pub mod nudge;
pub mod tile_source;
pub mod tiles;

pub use tile_source::TileSource;
