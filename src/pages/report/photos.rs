//! Where the report's photos are added.

use leptos::prelude::*;

/// The place in the report form for choosing and previewing photos. It shows nothing until
/// photo capture is part of the app.
#[component]
pub fn PhotoSlot() -> impl IntoView {}
