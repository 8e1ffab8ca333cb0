use leptos::prelude::*;

use crate::store::quota;

/// How much of the device's storage the app uses, where the browser says.
#[component]
pub fn StorageUsage() -> impl IntoView {
    let usage = LocalResource::new(quota::estimate);
    view! {
        <Suspense>
            {move || {
                usage
                    .get()
                    .flatten()
                    .map(|u| {
                        view! {
                            <p class="storage">
                                "Storage on this device: " {quota::describe_usage(u.usage, u.quota)}
                            </p>
                        }
                    })
            }}
        </Suspense>
    }
}
