//! What both sides of the product must agree on: the WGLL framework as versioned data, the domain
//! types (organisations, reviews, maturity levels), their validation rules and the API's wire types.
//!
//! No I/O lives here, so the same rules run in the browser (wasm32) and in the API (native): if the
//! app and the API could disagree about a rule, the rule belongs in this crate.

pub mod access;
pub mod actions;
pub mod assessment;
pub mod audit;
pub mod benefits;
pub mod bids;
pub mod comparison;
pub mod contact;
pub mod date;
pub mod email;
pub mod evidence;
pub mod export;
pub mod framework;
pub mod funding;
pub mod ids;
pub mod independence;
pub mod lifecycle;
pub mod maturity;
pub mod my_work;
pub mod offer;
pub mod organisation;
pub mod outcomes;
pub mod peer_pairs;
pub mod period;
pub mod problem;
pub mod provisional;
pub mod regional_validation;
pub mod regions;
pub mod review;
pub mod review_board;
pub mod round_progress;
pub mod rounds;
#[cfg(feature = "openapi")]
pub mod schema;
pub mod scoring;
pub mod server_views;
pub mod tech_spend;
#[cfg(test)]
mod test_support;
pub mod timestamp;
pub mod validation;

pub use validation::{FieldError, Validated};
