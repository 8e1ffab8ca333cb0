//! Areas of the map kept for use with no signal: the tiles' caches, the saving and its
//! resumption, and the views that offer and list areas.

mod saver;
mod tile_cache;
mod views;

pub use saver::AreaSaver;
pub use views::{SaveAreaOffer, SavedAreasList};
