//! Abuse limits on sign-in and registration, counted in the database so they hold across
//! server processes.

use chrono::{DateTime, Utc};

use crate::AppState;
use crate::config::{Limit, Limits};
use crate::error::ApiError;
use crate::services::tokens::sha256_hex;
use crate::store::attempts;

/// What is being counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    LoginPhone,
    LoginAddress,
    RegisterPhone,
    RegisterAddress,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::LoginPhone => "login_phone",
            Scope::LoginAddress => "login_address",
            Scope::RegisterPhone => "register_phone",
            Scope::RegisterAddress => "register_address",
        }
    }

    fn limit(self, limits: &Limits) -> Limit {
        match self {
            Scope::LoginPhone => limits.login_per_phone,
            Scope::LoginAddress => limits.login_per_address,
            Scope::RegisterPhone => limits.register_per_phone,
            Scope::RegisterAddress => limits.register_per_address,
        }
    }

    fn key(self, key: &str) -> String {
        sha256_hex(&format!("{}:{key}", self.as_str()))
    }
}

fn window_start(limit: Limit, now: DateTime<Utc>) -> DateTime<Utc> {
    let window = chrono::Duration::from_std(limit.window).unwrap_or(chrono::Duration::zero());
    now - window
}

/// 429 with the seconds to wait when `key` has used up its attempts in `scope`.
pub async fn check(state: &AppState, scope: Scope, key: &str) -> Result<(), ApiError> {
    let limit = scope.limit(&state.limits);
    let now = state.now();
    let (count, oldest) = attempts::since(
        &state.db,
        scope.as_str(),
        &scope.key(key),
        window_start(limit, now),
    )
    .await?;
    if count < u64::from(limit.max) {
        return Ok(());
    }
    let retry_after = oldest
        .map(|o| {
            let free_at = o + chrono::Duration::from_std(limit.window).unwrap_or_default();
            // Whole seconds, rounded up.
            ((free_at - now).num_milliseconds() + 999) / 1000
        })
        .unwrap_or(1)
        .max(1);
    Err(ApiError::RateLimited {
        retry_after: u64::try_from(retry_after).unwrap_or(1),
    })
}

/// Counts one attempt.
pub async fn record(state: &AppState, scope: Scope, key: &str) -> Result<(), ApiError> {
    let limit = scope.limit(&state.limits);
    let now = state.now();
    attempts::record(
        &state.db,
        scope.as_str(),
        &scope.key(key),
        window_start(limit, now),
        now,
    )
    .await?;
    Ok(())
}

/// Forgets the attempts of `key` (a successful sign-in).
pub async fn clear(state: &AppState, scope: Scope, key: &str) -> Result<(), ApiError> {
    attempts::clear(&state.db, scope.as_str(), &scope.key(key)).await?;
    Ok(())
}
