//! Data read from the device: a sentence while it is read the first time, the store's
//! sentence when it cannot be read, and the page once it is there.

use leptos::prelude::*;

use crate::store::StoreError;
use crate::user_message::UserMessage;

/// Shows `loaded` for the resource's value; `reading` says what is being read. While the
/// resource is read again (a live list), the previous value stays on screen.
pub fn stored_view<T, V>(
    resource: LocalResource<Result<T, StoreError>>,
    reading: &'static str,
    loaded: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=move || view! { <p class="loading">{reading}</p> }>
            {
                let loaded = loaded.clone();
                move || {
                    resource
                        .get()
                        .map(|value| match value {
                            Ok(value) => loaded(value).into_any(),
                            Err(error) => {
                                view! { <p role="alert" class="error">{error.user_message()}</p> }
                                    .into_any()
                            }
                        })
                }
            }
        </Transition>
    }
}
