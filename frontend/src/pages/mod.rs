//! The screens, one per [`crate::routes::Page`].

pub mod check;
pub mod home;
pub mod results;
