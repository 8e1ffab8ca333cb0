//! The device's clock, for sending local dates and times with their offset.

use chrono::{Datelike, FixedOffset, NaiveDateTime, Timelike};

/// The device's offset from UTC at `local`, summer time included, as the browser knows it.
pub fn device_offset(local: NaiveDateTime) -> FixedOffset {
    let date = js_sys::Date::new_with_year_month_day_hr_min(
        u32::try_from(local.year()).unwrap_or_default(),
        local.month0() as i32,
        local.day() as i32,
        local.hour() as i32,
        local.minute() as i32,
    );
    // JavaScript counts minutes west of UTC; chrono counts seconds east.
    let east_seconds = (-date.get_timezone_offset() * 60.0) as i32;
    FixedOffset::east_opt(east_seconds)
        .or_else(|| FixedOffset::east_opt(0))
        .expect("zero is a valid offset")
}
