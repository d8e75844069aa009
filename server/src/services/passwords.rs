//! argon2id with the crate's defaults (19 MiB, 2 passes), off the request threads, a few at
//! a time: each hash holds 19 MiB, so hashing is capped at about one per core with a short
//! queue; beyond it the caller gets 503 with `Retry-After` instead of the server's memory
//! following the number of requests.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use tokio::sync::Semaphore;

use crate::services::Error;

fn blocking_error(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("password hashing: {e}"))
}

/// Hashes run at once: the cores (at least one).
fn running() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
}

/// Hashes that may wait for a turn: a short queue, a few seconds of work.
fn queue_max() -> usize {
    (running() * 8).max(16)
}

struct Gate {
    turns: Semaphore,
    waiting: AtomicUsize,
}

fn gate() -> &'static Gate {
    static GATE: OnceLock<Gate> = OnceLock::new();
    GATE.get_or_init(|| Gate {
        turns: Semaphore::new(running()),
        waiting: AtomicUsize::new(0),
    })
}

/// Runs `work` (a hash or a verification) in its turn, or 503 when the queue is full.
async fn in_turn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Error> {
    let gate = gate();
    if gate.waiting.fetch_add(1, Ordering::AcqRel) >= queue_max() {
        gate.waiting.fetch_sub(1, Ordering::AcqRel);
        tracing::warn!("password hashing queue full: 503");
        return Err(Error::Busy { retry_after: 1 });
    }
    let turn = gate.turns.acquire().await;
    gate.waiting.fetch_sub(1, Ordering::AcqRel);
    let _turn = turn.map_err(blocking_error)?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(blocking_error)
}

/// The PHC string of a new password.
pub async fn hash(password: String) -> Result<String, Error> {
    in_turn(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
    })
    .await?
    .map_err(blocking_error)
}

/// Whether `password` matches `phc`. A malformed stored hash is an internal error.
pub async fn verify(password: String, phc: String) -> Result<bool, Error> {
    in_turn(move || {
        let parsed = PasswordHash::new(&phc).map_err(|e| e.to_string())?;
        Ok::<bool, String>(
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
        )
    })
    .await?
    .map_err(blocking_error)
}
