//! Integration tests: realistic server bodies, and properties of the codecs.

mod fixtures;
mod leniency;
mod properties;
mod readers;
mod strategies;
