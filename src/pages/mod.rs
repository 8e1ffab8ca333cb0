pub mod fix_report;
pub mod home;
pub mod my_reports;
pub mod not_found;
pub mod outbox;
pub mod report;
pub mod request_page;
pub mod settings;
