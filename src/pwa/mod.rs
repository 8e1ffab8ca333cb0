//! Installability and offline: the service worker's registration and updates.

pub mod service_worker;
