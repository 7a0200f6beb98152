//! The time, read in one place: every record's timestamps and every "today" (is an action
//! overdue, which dates are in the past, which financial year is current) come from here.

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

    /// Today's date in UTC, `YYYY-MM-DD`.
    pub fn today(&self) -> String {
        self.now()[..10].to_owned()
    }

    /// The financial year today is in.
    pub fn current_period(&self) -> Period {
        let today = self.today();
        Period::containing(today[..4].parse().unwrap_or(2026), today[5..7].parse().unwrap_or(1))
    }
}
