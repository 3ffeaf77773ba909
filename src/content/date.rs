//! Calendar dates in front matter and registries.
//!
//! Editors write TOML dates (`updated = 2026-11-20`); a quoted string in the
//! same form is accepted too. Times and offsets are rejected: every date on the
//! site is a calendar day.

use serde::{Deserialize, Deserializer};
use std::fmt;

/// A calendar day, e.g. 2026-11-20.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(s.trim(), &format)
            .map(Date)
            .map_err(|_| format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20"))
    }

    /// ISO form, `2026-11-20`, for `<time datetime>` and feeds.
    pub fn iso(&self) -> String {
        self.to_string()
    }

    /// Reader form, `20 November 2026`.
    pub fn long(&self) -> String {
        format!("{} {} {}", self.0.day(), self.0.month(), self.0.year())
    }

    /// Today's date in UTC.
    pub fn today() -> Self {
        Date(time::OffsetDateTime::now_utc().date())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Toml(toml::value::Datetime),
            Text(String),
        }
        let text = match Raw::deserialize(deserializer)? {
            Raw::Toml(dt) => {
                if dt.time.is_some() || dt.offset.is_some() {
                    return Err(serde::de::Error::custom(format!(
                        "`{dt}` has a time of day; write only the date, e.g. 2026-11-20"
                    )));
                }
                dt.to_string()
            }
            Raw::Text(s) => s,
        };
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Doc {
        d: Date,
    }

    #[test]
    fn reads_toml_dates_and_strings() {
        let a: Doc = toml::from_str("d = 2026-11-20").unwrap();
        let b: Doc = toml::from_str("d = \"2026-11-20\"").unwrap();
        assert_eq!(a.d, b.d);
        assert_eq!(a.d.long(), "20 November 2026");
    }

    #[test]
    fn rejects_times_and_nonsense() {
        assert!(toml::from_str::<Doc>("d = 2026-11-20T10:00:00Z").is_err());
        assert!(toml::from_str::<Doc>("d = \"next week\"").is_err());
        assert!(toml::from_str::<Doc>("d = \"2026-02-30\"").is_err());
    }
}
