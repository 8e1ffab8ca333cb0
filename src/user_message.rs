//! What the person is told when something goes wrong: a sentence or two in their words,
//! saying what happened, what was kept, and what to do. Every error that can reach a screen
//! has one; screens show it, and never the error's technical text.

/// An error that can be said to the person.
pub trait UserMessage {
    /// The sentence for the person.
    fn user_message(&self) -> String;
}

/// A shared error says what it says alone: errors that are not `Clone` are kept in an `Arc`
/// where a screen's resource must clone its value.
impl<E: UserMessage + ?Sized> UserMessage for std::sync::Arc<E> {
    fn user_message(&self) -> String {
        (**self).user_message()
    }
}
