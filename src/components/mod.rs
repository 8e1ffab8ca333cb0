pub mod header;
pub mod update_prompt;
