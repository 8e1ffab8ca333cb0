//! How much more a limited text can take, as the person types.

use leptos::prelude::*;

/// "You have 3,988 characters left", "You have 12 characters too many".
pub fn count_message(used: usize, limit: usize) -> String {
    let (count, what) = if used <= limit {
        (limit - used, "left")
    } else {
        (used - limit, "too many")
    };
    let noun = if count == 1 {
        "character"
    } else {
        "characters"
    };
    format!("You have {} {noun} {what}", thousands(count))
}

/// `4000` as "4,000".
fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// The count under a text area. It describes the text area, so it is read on focus; only
/// going over the limit is announced, as a count read at every keystroke drowns the typing.
#[component]
pub fn CharacterCount(id: String, text: RwSignal<String>, limit: usize) -> impl IntoView {
    let used = Memo::new(move |_| text.with(|text| text.chars().count()));
    let over = move || used.get() > limit;
    view! {
        <p id=id class="character-count" class:character-count-over=over>
            {move || count_message(used.get(), limit)}
        </p>
        <p class="visually-hidden" aria-live="polite">
            {move || over().then(|| format!("The text is over the limit of {} characters.", thousands(limit)))}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_then_over() {
        assert_eq!(count_message(0, 4_000), "You have 4,000 characters left");
        assert_eq!(count_message(12, 4_000), "You have 3,988 characters left");
        assert_eq!(count_message(3_999, 4_000), "You have 1 character left");
        assert_eq!(count_message(4_000, 4_000), "You have 0 characters left");
        assert_eq!(count_message(4_001, 4_000), "You have 1 character too many");
        assert_eq!(
            count_message(1_004_000, 4_000),
            "You have 1,000,000 characters too many"
        );
    }
}
