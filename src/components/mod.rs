pub mod form;
pub mod header;
pub mod loader;
pub mod photo;
pub mod storage_usage;
pub mod sync_status;
pub mod update_prompt;
