//! Integration tests: realistic server bodies, and properties of the codecs.

mod fixtures;
mod properties;
mod strategies;
