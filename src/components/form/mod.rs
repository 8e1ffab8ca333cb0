//! Form controls, each in the same frame of label, hint and error message.

pub mod character_count;
pub mod checkbox_group;
pub mod error_summary;
pub mod field;
pub mod radio_group;
pub mod select_list;
pub mod text_area;
pub mod text_input;
