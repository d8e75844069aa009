//! The server's one clock. Every instant the server records and every day it derives comes
//! from here; the day is Beijing's ([`shared::application::beijing_day`]). Tests set the
//! time on a fixed clock instead of backdating rows.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

/// The system clock, or a settable one (tests, benchmarks).
#[derive(Debug, Clone, Default)]
pub struct Clock {
    fixed: Option<Arc<Mutex<DateTime<Utc>>>>,
}

impl Clock {
    /// The machine's clock.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock that reads `at` until it is set or advanced; clones share the time.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock {
            fixed: Some(Arc::new(Mutex::new(at))),
        }
    }

    /// The instant now.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.fixed {
            Some(at) => *at.lock().unwrap_or_else(PoisonError::into_inner),
            None => Utc::now(),
        }
    }

    /// Today in Beijing.
    pub fn today(&self) -> NaiveDate {
        shared::application::beijing_day(self.now())
    }

    /// Sets a fixed clock's time (the system clock is not changed).
    pub fn set(&self, to: DateTime<Utc>) {
        if let Some(at) = &self.fixed {
            *at.lock().unwrap_or_else(PoisonError::into_inner) = to;
        }
    }

    /// Moves a fixed clock on (the system clock is not changed).
    pub fn advance(&self, by: TimeDelta) {
        if let Some(at) = &self.fixed {
            let mut at = at.lock().unwrap_or_else(PoisonError::into_inner);
            *at += by;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn the_day_is_beijings_not_utcs() {
        // Monday 04:00 in Beijing is still Sunday in UTC.
        let clock = Clock::fixed(at("2022-06-05T20:00:00Z"));
        assert_eq!(clock.today().to_string(), "2022-06-06");
        // 23:30 in Beijing is 15:30 UTC the same day.
        clock.set(at("2022-06-06T15:30:00Z"));
        assert_eq!(clock.today().to_string(), "2022-06-06");
        clock.advance(TimeDelta::minutes(30));
        assert_eq!(
            clock.today().to_string(),
            "2022-06-07",
            "midnight in Beijing"
        );
    }

    #[test]
    fn clones_of_a_fixed_clock_share_its_time() {
        let clock = Clock::fixed(at("2022-06-01T00:00:00Z"));
        let other = clock.clone();
        clock.advance(TimeDelta::days(1));
        assert_eq!(other.now(), at("2022-06-02T00:00:00Z"));
    }
}
