//! The time, read in one place: every record's timestamps and every "today" (is an action
//! overdue, which dates are in the past, which financial year is current) come from here.

use wgll_shared::date::Date;
use wgll_shared::period::Period;
use wgll_shared::timestamp::Timestamp;

/// The system clock, in UTC.
#[derive(Clone, Copy, Debug, Default)]
pub struct Clock;

impl Clock {
    /// Now, in UTC, to the millisecond.
    pub fn now(&self) -> Timestamp {
        let millis = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| u64::try_from(since.as_millis()).unwrap_or(u64::MAX));
        Timestamp::from_unix_millis(millis)
    }

    /// Today's date in UTC.
    pub fn today(&self) -> Date {
        self.now().date()
    }

    /// The financial year today is in.
    pub fn current_period(&self) -> Period {
        let today = self.today();
        Period::containing(today.year() as u16, today.month())
    }
}
