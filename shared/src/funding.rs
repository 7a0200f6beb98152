//! Funding ("Who Pays for What?", NHSX 2021): money as whole pence, the fund catalogue as
//! versioned data, the three allocation principles as pure, deterministic functions whose every
//! line shows its inputs and arithmetic, and the move to system allocations (ICS envelopes,
//! default allocations within an ICS, net-neutral changes and earned autonomy).
//!
//! No I/O and no clock: the same rules run in the API and the browser, and the same inputs always
//! give the same pennies to the same lines, whatever order they came in.

pub mod allocation;
pub mod autonomy;
pub mod catalogue;
pub mod changes;
pub mod envelopes;
pub mod fund;
pub mod money;
pub mod principles;
pub mod published;
pub mod records;
pub mod who_pays;

pub use allocation::{Allocation, AllocationError, AllocationLine};
pub use fund::{Fund, FundId, NewFund};
pub use money::Pence;
pub use principles::Principle;
pub use who_pays::SpendingCategory;
