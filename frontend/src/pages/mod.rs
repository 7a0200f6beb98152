//! One module per feature, named like the API's modules.

pub mod actions;
pub mod comparison;
pub mod framework;
pub mod home;
pub mod ics_offer;
pub mod import;
pub mod measure;
pub mod moderation;
pub mod not_found;
pub mod offer;
pub mod offer_edit;
pub mod organisation;
pub mod organisations;
pub mod outcomes;
pub mod review;
pub mod sign_in;
