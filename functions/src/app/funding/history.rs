//! The history of a saved allocation (a fund's, or the year's ICS envelopes): every version saved,
//! newest first, with who saved it, when, and its figures. National figures: administrators only.

use super::super::{App, AppError};
use super::funds;
use crate::auth::rules::{Action, Target, authorise};
use wgll_shared::access::User;
use wgll_shared::funding::records::{AllocationOf, AllocationVersion};
use wgll_shared::period::Period;

/// Every saved version, newest first (none yet: an empty list). A fund that does not exist is not
/// found, rather than a history that is empty.
pub async fn versions(
    app: &App,
    user: &User,
    period: &Period,
    of: &AllocationOf,
) -> Result<Vec<AllocationVersion>, AppError> {
    authorise(Some(user), Action::ReadNationalFunding, &Target::NONE)?;
    if let AllocationOf::Fund(id) = of {
        funds::find(app, period, id).await?;
    }
    Ok(app.store.list_allocation_versions(period, of).await?)
}
