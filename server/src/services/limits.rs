//! Abuse limits on sign-in and registration, counted in the database so they hold across
//! server processes.

use chrono::{DateTime, Utc};

use crate::AppState;
use crate::config::{Limit, Limits};
use crate::services::Error;
use crate::services::tokens::sha256_hex;
use crate::store::{self, attempts};

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

/// Attempts counted before the work they guard (verifying a password, hashing a new one), so
/// a burst sent at once is counted exactly: each is reserved in turn, and the one past the
/// limit is refused before any work is done.
#[must_use = "a reservation is released after a success, or kept to count a failure"]
pub struct Reservation {
    ids: Vec<i32>,
}

/// Reserves one attempt in each scope, in one write transaction (across processes: SQLite's
/// write lock, PostgreSQL's advisory lock per key), or 429 with the seconds to wait when any
/// scope has used up its attempts; nothing is recorded then.
pub async fn reserve(state: &AppState, keys: &[(Scope, &str)]) -> Result<Reservation, Error> {
    let now = state.now();
    store::write(&state.writer, async |txn| {
        let mut ids = Vec::with_capacity(keys.len());
        for (scope, key) in keys {
            let limit = scope.limit(&state.limits);
            let hashed = scope.key(key);
            attempts::lock_key(txn, &hashed).await?;
            let (count, oldest) =
                attempts::since(txn, scope.as_str(), &hashed, window_start(limit, now)).await?;
            if count >= u64::from(limit.max) {
                return Err(refused(limit, oldest, now));
            }
            ids.push(
                attempts::record(txn, scope.as_str(), &hashed, window_start(limit, now), now)
                    .await?,
            );
        }
        Ok(Reservation { ids })
    })
    .await
}

/// Gives back the attempts reserved (the work succeeded: it does not count).
pub async fn release(state: &AppState, reservation: Reservation) -> Result<(), Error> {
    store::write(&state.writer, async |txn| {
        attempts::forget(txn, &reservation.ids).await
    })
    .await?;
    Ok(())
}

/// Keeps the attempts reserved: they count against the limits.
pub fn keep(reservation: Reservation) {
    drop(reservation.ids);
}

fn refused(limit: Limit, oldest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Error {
    let retry_after = oldest
        .map(|o| {
            let free_at = o + chrono::Duration::from_std(limit.window).unwrap_or_default();
            // Whole seconds, rounded up.
            ((free_at - now).num_milliseconds() + 999) / 1000
        })
        .unwrap_or(1)
        .max(1);
    Error::RateLimited {
        retry_after: u64::try_from(retry_after).unwrap_or(1),
    }
}

/// Forgets the attempts of `key` (a successful sign-in).
pub async fn clear(state: &AppState, scope: Scope, key: &str) -> Result<(), Error> {
    store::write(&state.writer, async |txn| {
        attempts::clear(txn, scope.as_str(), &scope.key(key)).await
    })
    .await?;
    Ok(())
}
