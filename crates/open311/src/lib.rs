//! The Open311 GeoReport v2 model shared by the app and the reference server.
