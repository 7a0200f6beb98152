//! One module per feature, named like the API's modules.

pub mod home;
pub mod import;
pub mod measure;
pub mod not_found;
pub mod offer_edit;
pub mod sign_in;
