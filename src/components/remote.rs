//! Data fetched from the city's server: a sentence while it loads, a sentence and
//! "Try again" when it cannot be loaded, and the page once it is there.

use leptos::prelude::*;

/// Shows `loaded` for the resource's value; `loading` says what is on its way. The error is
/// the sentence to show the person.
pub fn remote_view<T, V>(
    resource: LocalResource<Result<T, String>>,
    loading: &'static str,
    loaded: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let retry = move |_| {
        // Back to "loading" at once, rather than the old failure until the answer comes.
        resource.set(None);
        resource.refetch();
    };
    move || match resource.get() {
        None => view! { <p class="loading" role="status">{loading}</p> }.into_any(),
        Some(Err(message)) => view! {
            <div class="load-failure" role="alert">
                <p>{message}</p>
                <button type="button" class="button" on:click=retry>"Try again"</button>
            </div>
        }
        .into_any(),
        Some(Ok(value)) => loaded(value).into_any(),
    }
}
