//! Requests filed in Shukun: their kinds and typed payloads (validated here, so the form and
//! the server agree), the decisions officials record, the one state machine, request
//! numbers, due dates in working days and the document types accepted.

pub mod calendar;
pub mod decision;
pub mod document;
pub mod ledger;
pub mod notice;
pub mod payload;
pub mod rating;
pub mod state;

pub use crate::catalog::ApplicationKind;
pub use calendar::{
    Calendar, DayKind, DeadlineState, add_working_days, beijing_day, beijing_day_start,
    working_days_between,
};
pub use decision::Grant;
pub use document::{DocumentPurpose, DocumentType};
pub use notice::{
    NoticeAction, NoticeEvent, NoticeState, NoticeTransitionError, notice_transition,
};
pub use payload::{Payload, PayloadError, Problem};
pub use state::{Action, EventKind, RequestState, TransitionError, transition};

use chrono::{Datelike, NaiveDate};

/// A request's human-readable number: `BZ` (巴州), the year filed, the sequence number.
pub fn request_number(filed_on: NaiveDate, seq: i64) -> String {
    format!("BZ{}-{seq:06}", filed_on.year())
}

/// Working days an official has to decide a request of each kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeLimits {
    pub utility_deferral: u32,
    pub rent_waiver: u32,
    pub skills_reward: u32,
    pub evaluation_institution: u32,
    /// Working days a department has to rectify after a low rating (差评整改: 15 under
    /// 国办发〔2019〕51号).
    pub rectification: u32,
}

impl Default for TimeLimits {
    fn default() -> Self {
        TimeLimits {
            utility_deferral: 5,
            rent_waiver: 10,
            skills_reward: 20,
            evaluation_institution: 20,
            rectification: 15,
        }
    }
}

impl TimeLimits {
    pub fn days(&self, kind: ApplicationKind) -> u32 {
        match kind {
            ApplicationKind::UtilityDeferral => self.utility_deferral,
            ApplicationKind::RentWaiver => self.rent_waiver,
            ApplicationKind::SkillsReward => self.skills_reward,
            ApplicationKind::EvaluationInstitution => self.evaluation_institution,
        }
    }

    pub fn set(&mut self, kind: ApplicationKind, days: u32) {
        match kind {
            ApplicationKind::UtilityDeferral => self.utility_deferral = days,
            ApplicationKind::RentWaiver => self.rent_waiver = days,
            ApplicationKind::SkillsReward => self.skills_reward = days,
            ApplicationKind::EvaluationInstitution => self.evaluation_institution = days,
        }
    }

    /// The day a request filed on `filed_on` is due (national calendar).
    pub fn due(&self, kind: ApplicationKind, filed_on: NaiveDate) -> NaiveDate {
        add_working_days(filed_on, self.days(kind))
    }

    /// The day a request filed on `filed_on` is due, on a calendar.
    pub fn due_in(
        &self,
        calendar: &Calendar,
        kind: ApplicationKind,
        filed_on: NaiveDate,
    ) -> NaiveDate {
        calendar.add_working_days(filed_on, self.days(kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_carry_the_year_and_six_digits() {
        let d = NaiveDate::from_ymd_opt(2022, 6, 1).unwrap_or_default();
        assert_eq!(request_number(d, 123), "BZ2022-000123");
    }
}
