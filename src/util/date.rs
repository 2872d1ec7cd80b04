//! Today's date in China (UTC+8): what the site says it was built on, and
//! which plan years are past. `SOURCE_DATE_EPOCH` (seconds since 1970, the
//! reproducible-builds convention) stands for now when it is set, so a
//! build can be repeated byte for byte and tests can fix the day.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Today in China, or the day of `SOURCE_DATE_EPOCH` when it is a number.
    pub fn today() -> Date {
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        Date::from_days((seconds + 8 * 3600).div_euclid(86_400))
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)).clamp(0, 9999) as u32;
        Date { year, month, day }
    }

    /// `2026-12-06`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `2026年12月6日`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}年{}月{}日", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn days_become_dates() {
        let d = |days| Date::from_days(days);
        assert_eq!(d(0).iso(), "1970-01-01");
        assert_eq!(d(20_793).iso(), "2026-12-06");
        assert_eq!(d(11_016).iso(), "2000-02-29");
        assert_eq!(d(-1).iso(), "1969-12-31");
        assert_eq!(d(20_793).to_string(), "2026年12月6日");
    }
}
