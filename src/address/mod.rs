//! Addresses for the report's place, through the geocoder the city configures (`geocoder`
//! in `config.json`): the nearest address to the report's place, and matches as the person
//! types.

pub mod lookup;
pub mod nominatim;

pub use nominatim::Address;

/// Fewer typed characters than this match too much to be worth asking about.
pub const MIN_TYPED: usize = 3;
/// How long typing must pause before the geocoder is asked.
pub const TYPING_PAUSE_MS: u32 = 400;
