//! Datetimes as GeoReport v2 writes them: ISO 8601 with an offset.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat};
use thiserror::Error;

use crate::lenient::{Lenient, text_serde};

/// A moment with the offset the server gave it, written as RFC 3339.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<FixedOffset>);

/// Text that no lenient reading turns into a datetime.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("“{0}” is not a date and time")]
pub struct InvalidTimestamp(pub String);

/// Forms with an offset, tried after strict RFC 3339. `%z` accepts `+05:00`
/// and `+0500`; `%.f` makes the fraction optional.
const WITH_OFFSET: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M%z",
];

/// The years RFC 3339 can write: a date outside them would be read but not written back,
/// and the next reader would lose it.
const WRITABLE_YEARS: std::ops::RangeInclusive<i32> = 0..=9999;

/// Forms without an offset, which the spec forbids but servers send
/// (discovery changesets among them); they are read as UTC.
const WITHOUT_OFFSET: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

impl Timestamp {
    /// Reads a datetime leniently: RFC 3339, with or without fractions, a
    /// space for the `T`, an offset without its colon, or no offset (UTC).
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let utc = FixedOffset::east_opt(0).expect("zero is a valid offset");
        DateTime::parse_from_rfc3339(text)
            .ok()
            .or_else(|| {
                WITH_OFFSET
                    .iter()
                    .find_map(|form| DateTime::parse_from_str(text, form).ok())
            })
            .or_else(|| {
                WITHOUT_OFFSET
                    .iter()
                    .find_map(|form| NaiveDateTime::parse_from_str(text, form).ok())
                    .or_else(|| {
                        NaiveDate::parse_from_str(text, "%Y-%m-%d")
                            .ok()
                            .and_then(|date| date.and_hms_opt(0, 0, 0))
                    })
                    .map(|naive| naive.and_utc().with_timezone(&utc))
            })
            .filter(|datetime| WRITABLE_YEARS.contains(&datetime.year()))
            .map(Timestamp)
    }
}

impl From<DateTime<FixedOffset>> for Timestamp {
    fn from(datetime: DateTime<FixedOffset>) -> Self {
        Timestamp(datetime)
    }
}

impl FromStr for Timestamp {
    type Err = InvalidTimestamp;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Timestamp::parse(text).ok_or_else(|| InvalidTimestamp(text.to_owned()))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

impl Lenient for Timestamp {
    fn from_text(text: &str) -> Option<Self> {
        Timestamp::parse(text)
    }
}

text_serde!(Timestamp, "a date and time");

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> String {
        Timestamp::parse(text)
            .unwrap_or_else(|| panic!("{text} should parse"))
            .to_string()
    }

    #[test]
    fn reads_rfc3339_with_and_without_fractions() {
        assert_eq!(
            parsed("2012-04-23T10:15:00-05:00"),
            "2012-04-23T10:15:00-05:00"
        );
        assert_eq!(
            parsed("2012-04-23T10:15:00.250-05:00"),
            "2012-04-23T10:15:00.250-05:00"
        );
        assert_eq!(parsed("2012-04-23T15:15:00Z"), "2012-04-23T15:15:00Z");
    }

    #[test]
    fn reads_what_servers_really_send() {
        assert_eq!(
            parsed("2012-04-23 10:15:00-05:00"),
            "2012-04-23T10:15:00-05:00"
        );
        assert_eq!(
            parsed("2012-04-23T10:15:00-0500"),
            "2012-04-23T10:15:00-05:00"
        );
        assert_eq!(
            parsed("2012-04-23T10:15-05:00"),
            "2012-04-23T10:15:00-05:00"
        );
        assert_eq!(parsed(" 2011-04-05 17:48:34 "), "2011-04-05T17:48:34Z");
        assert_eq!(parsed("2011-04-05T17:48:34.5"), "2011-04-05T17:48:34.500Z");
        assert_eq!(parsed("2011-04-05"), "2011-04-05T00:00:00Z");
    }

    #[test]
    fn refuses_what_is_not_a_datetime() {
        for text in [
            "",
            "yesterday",
            "2012-13-40T10:15:00Z",
            "12:00",
            "1334000000",
            "-0820-04-14",
            "-0001-12-31T23:00:00Z",
            "12024-04-23T10:15:00+02:00",
            "+12024-04-23 10:15",
        ] {
            assert_eq!(
                text.parse::<Timestamp>(),
                Err(InvalidTimestamp(text.to_owned()))
            );
        }
    }

    #[test]
    fn keeps_the_offset() {
        let t = Timestamp::parse("2012-04-23T10:15:00+02:00").unwrap();
        assert_eq!(t.0.offset().local_minus_utc(), 7200);
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2012-04-23T10:15:00+02:00\""
        );
    }
}
