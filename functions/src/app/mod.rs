//! The application layer: what the system does, whichever door a request comes in by. The JSON
//! API (`api/`) and the public pages (`public_pages`) are thin adapters over it; a scheduled job
//! or a report would be a third.
//!
//! Each feature's module takes the caller (`Option<&User>`: `None` is the public) and values
//! already read from the request, decides whether the caller may do it (`auth::rules`), applies the
//! rules in `wgll_shared`, reads and writes through `store`, and returns a domain value or an
//! [`AppError`]. Nothing here knows HTTP.

pub mod actions;
pub mod benefits;
pub mod bids;
mod error;
pub mod evidence;
pub mod funding;
pub mod my_work;
pub mod offers;
pub mod organisations;
pub mod outcomes;
pub mod peer_pairs;
pub mod provisional;
pub mod review_board;
pub mod reviews;
pub mod round_progress;
pub mod rounds;
pub mod tech_spend;
pub mod validation;

pub use crate::clock::Clock;
pub use error::AppError;
use error::explain_refusal;

use crate::auth::Auth;
use crate::documents::Documents;
use crate::store::Store;
use std::sync::Arc;

/// What every request shares: clients built once at start-up, never per request.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    /// The evidence packs' bucket.
    pub documents: Documents,
    pub auth: Arc<Auth>,
    pub clock: Clock,
}

impl App {
    pub fn new(store: Store, documents: Documents, auth: Arc<Auth>) -> Self {
        Self { store, documents, auth, clock: Clock }
    }
}
