//! Reach counts (part 三(三)), gathered in memory and added to the database's counters every
//! few seconds: a page open costs no write of its own. Each process adds only what it
//! counted, so two instances add up; a crash loses at most the seconds not yet written.
//! Nothing about anyone is kept: the key is a day, an event, a source, a measure and a
//! county. The limit on anonymous counts per address lives in memory only.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::store::publicity::{self as store, CounterKey};
use crate::store::{self as db, Writer};

/// Counts not yet written.
pub struct Reach {
    pending: Mutex<HashMap<CounterKey, u64>>,
    /// Self-checks one address may report a minute (a shared office network reports many).
    limiter: DefaultKeyedRateLimiter<String>,
}

impl Default for Reach {
    fn default() -> Reach {
        Reach::new(NonZeroU32::new(30).unwrap_or(NonZeroU32::MIN))
    }
}

impl Reach {
    pub fn new(per_minute: NonZeroU32) -> Reach {
        Reach {
            pending: Mutex::new(HashMap::new()),
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute)),
        }
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, HashMap<CounterKey, u64>> {
        self.pending
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Counts one event.
    pub fn add(&self, key: CounterKey) {
        *self.pending().entry(key).or_insert(0) += 1;
    }

    /// Whether an address may report one more count now.
    pub fn allows(&self, address: &str) -> bool {
        self.limiter.check_key(&address.to_string()).is_ok()
    }

    /// Writes what was counted; on failure the counts are kept for the next time.
    pub async fn flush(&self, writer: &Writer) -> Result<(), sea_orm::DbErr> {
        let taken: Vec<(CounterKey, u64)> = self.pending().drain().collect();
        if taken.is_empty() {
            return Ok(());
        }
        let written = db::write(writer, async |txn| store::add_counts(txn, &taken).await).await;
        if written.is_err() {
            let mut pending = self.pending();
            for (k, n) in taken {
                *pending.entry(k).or_insert(0) += n;
            }
        }
        // Addresses not seen for a while leave the limiter.
        self.limiter.retain_recent();
        written
    }
}

/// Writes the counts every `every` until the process ends.
pub async fn run(state: actix_web::web::Data<crate::AppState>, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = state.reach.flush(&state.writer).await {
            tracing::warn!(error = %e, "could not write the reach counts; kept for the next try");
        }
    }
}
