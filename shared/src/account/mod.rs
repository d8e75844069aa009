//! Accounts: who signs in (owners, officials, supervisors, administrators), the values an
//! account is made of, the token claims, and the bodies of the account endpoints.

pub mod api;
pub mod claims;
pub mod code_claim;
pub mod password;
pub mod phone;
pub mod role;

pub use claims::{AccessClaims, TokenKind};
pub use password::{PasswordError, check_password};
pub use phone::{Phone, PhoneError};
pub use role::{Assignment, AssignmentError, Role};
