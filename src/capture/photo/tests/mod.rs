//! The native pipeline on real phone photos and on broken, hostile and unusual files.

mod fixtures;
mod judge;
mod photos;
mod refusals;
mod unusual;
