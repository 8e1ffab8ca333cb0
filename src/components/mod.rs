pub mod form;
pub mod header;
pub mod photo;
pub mod remote;
pub mod storage_usage;
pub mod stored;
pub mod sync_status;
pub mod update_prompt;
