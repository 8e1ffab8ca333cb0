//! Data a screen waits for, from the device or the city's server: a sentence while it is on
//! its way, the error's sentence and "Try again" when it cannot be had, and the screen once it
//! is there. While a live resource is read again, what it had stays on screen.

use leptos::prelude::*;

use crate::user_message::UserMessage;

/// Shows `loaded` for the resource's value; `loading` says what is on its way.
pub fn loaded_view<T, E, V>(
    resource: LocalResource<Result<T, E>>,
    loading: &'static str,
    loaded: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    E: UserMessage + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let retry = move |_| {
        // Back to "loading" at once, rather than the old failure until the answer comes.
        resource.set(None);
        resource.refetch();
    };
    move || match resource.get() {
        None => view! { <p class="loading" role="status">{loading}</p> }.into_any(),
        Some(Err(error)) => view! {
            <div class="load-failure" role="alert">
                <p>{error.user_message()}</p>
                <button type="button" class="button" on:click=retry>"Try again"</button>
            </div>
        }
        .into_any(),
        Some(Ok(value)) => loaded(value).into_any(),
    }
}
