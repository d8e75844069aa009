pub mod audit_log;
pub mod auth_attempt;
pub mod business;
pub mod catalog_version;
pub mod official_jurisdiction;
pub mod refresh_token;
pub mod session;
pub mod user;
