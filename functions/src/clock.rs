//! The time, read in one place: every record's timestamps and every "today" (is an action
//! overdue, which dates are in the past, which financial year is current) come from here.

use wgll_shared::date::Date;
use wgll_shared::period::Period;

/// The system clock, in UTC.
#[derive(Clone, Copy, Debug, Default)]
pub struct Clock;

impl Clock {
    /// Now, as an RFC 3339 timestamp in UTC (`2026-12-03T10:15:00Z`), the form every record keeps.
    pub fn now(&self) -> String {
        aws_smithy_types::DateTime::from(std::time::SystemTime::now())
            .fmt(aws_smithy_types::date_time::Format::DateTime)
            .unwrap_or_default()
    }

    /// Today's date in UTC.
    pub fn today(&self) -> Date {
        let days = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_secs() / 86_400);
        Date::days_after_1970(days)
    }

    /// The financial year today is in.
    pub fn current_period(&self) -> Period {
        let today = self.today();
        Period::containing(today.year() as u16, today.month())
    }
}
