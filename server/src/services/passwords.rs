//! argon2id with the crate's defaults (19 MiB, 2 passes), off the request threads.

use actix_web::web;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::error::ApiError;

fn blocking_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("password hashing: {e}"))
}

/// The PHC string of a new password.
pub async fn hash(password: String) -> Result<String, ApiError> {
    web::block(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
    })
    .await
    .map_err(blocking_error)?
    .map_err(blocking_error)
}

/// Whether `password` matches `phc`. A malformed stored hash is an internal error.
pub async fn verify(password: String, phc: String) -> Result<bool, ApiError> {
    web::block(move || {
        let parsed = PasswordHash::new(&phc).map_err(|e| e.to_string())?;
        Ok::<bool, String>(
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
        )
    })
    .await
    .map_err(blocking_error)?
    .map_err(blocking_error)
}
