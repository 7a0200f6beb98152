//! One module per feature, named like the API's modules.

pub mod home;
pub mod measure;
pub mod not_found;
pub mod sign_in;
