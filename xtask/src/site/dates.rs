//! Calendar dates for the "checked on" dates of sources: today's date (or a fixed one for
//! tests and reproducible builds), month arithmetic for the stale-source warning, and the
//! Turkish way of writing a date ("30 Kasım 2026").

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::time::{SystemTime, UNIX_EPOCH};

/// A day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
    "Kasım", "Aralık",
];

impl Date {
    /// A valid date, or None.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// A TOML date without a time (`checked = 2026-11-30`).
    pub fn from_toml(dt: &toml::value::Datetime) -> Option<Date> {
        if dt.time.is_some() || dt.offset.is_some() {
            return None;
        }
        let d = dt.date?;
        Date::new(i32::from(d.year), d.month, d.day)
    }

    /// `2026-11-30`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Today in UTC, unless `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds convention)
    /// fixes it.
    pub fn today() -> Date {
        let secs = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        Date::from_days(secs.div_euclid(86_400))
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil-from-days algorithm).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Whole months from `self` to `later` (30 Nov → 30 Dec is 1; → 29 Dec is 0).
    pub fn months_until(self, later: Date) -> i64 {
        let months =
            i64::from(later.year - self.year) * 12 + i64::from(later.month) - i64::from(self.month);
        if later.day < self.day {
            months - 1
        } else {
            months
        }
    }

    /// `30 Kasım 2026`.
    pub fn turkish(self) -> String {
        let month = MONTHS[usize::from(self.month.clamp(1, 12)) - 1];
        format!("{} {month} {}", self.day, self.year)
    }

    /// `2026-11-30`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Templates see `{iso: "2026-11-30", text: "30 Kasım 2026"}`.
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Date", 2)?;
        st.serialize_field("iso", &self.iso())?;
        st.serialize_field("text", &self.turkish())?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(Date::from_days(0), Date::new(1970, 1, 1).unwrap());
        assert_eq!(Date::from_days(20_512), Date::new(2026, 2, 28).unwrap());
        assert_eq!(Date::from_days(20_787), Date::new(2026, 11, 30).unwrap());
        assert_eq!(Date::from_days(11_016), Date::new(2000, 2, 29).unwrap());
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2026, 13, 1).is_none());
    }

    #[test]
    fn months_and_text() {
        let d = Date::parse_iso("2025-11-30").unwrap();
        assert_eq!(d.months_until(Date::parse_iso("2026-11-30").unwrap()), 12);
        assert_eq!(d.months_until(Date::parse_iso("2026-11-29").unwrap()), 11);
        assert_eq!(d.turkish(), "30 Kasım 2025");
        assert_eq!(Date::parse_iso("2026-01-05").unwrap().iso(), "2026-01-05");
    }
}
