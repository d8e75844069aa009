//! Working days: Monday to Friday, less the public holidays, plus the weekend days worked in
//! their place (调休). Administrators record further days (each year's national notice,
//! Xinjiang's 古尔邦节 and 肉孜节); the server keeps the calendar in force.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::wire::wire_enum;

/// Public holidays on weekdays, 2022–2023 (国务院办公厅 notices), as (year, month, day).
const HOLIDAYS: &[(i32, u32, u32)] = &[
    (2022, 1, 3),
    (2022, 1, 31),
    (2022, 2, 1),
    (2022, 2, 2),
    (2022, 2, 3),
    (2022, 2, 4),
    (2022, 4, 4),
    (2022, 4, 5),
    (2022, 5, 2),
    (2022, 5, 3),
    (2022, 5, 4),
    (2022, 6, 3),
    (2022, 9, 12),
    (2022, 10, 3),
    (2022, 10, 4),
    (2022, 10, 5),
    (2022, 10, 6),
    (2022, 10, 7),
    (2023, 1, 2),
    (2023, 1, 23),
    (2023, 1, 24),
    (2023, 1, 25),
    (2023, 1, 26),
    (2023, 1, 27),
    (2023, 4, 5),
    (2023, 5, 1),
    (2023, 5, 2),
    (2023, 5, 3),
    (2023, 6, 22),
    (2023, 6, 23),
    (2023, 9, 29),
    (2023, 10, 2),
    (2023, 10, 3),
    (2023, 10, 4),
    (2023, 10, 5),
    (2023, 10, 6),
];

/// Weekend days that were working days.
const WORKED_WEEKENDS: &[(i32, u32, u32)] = &[
    (2022, 1, 29),
    (2022, 1, 30),
    (2022, 4, 2),
    (2022, 4, 24),
    (2022, 5, 7),
    (2022, 10, 8),
    (2022, 10, 9),
    (2023, 1, 28),
    (2023, 1, 29),
    (2023, 4, 23),
    (2023, 5, 6),
    (2023, 6, 25),
    (2023, 10, 7),
    (2023, 10, 8),
];

fn listed(list: &[(i32, u32, u32)], d: NaiveDate) -> bool {
    list.contains(&(d.year(), d.month(), d.day()))
}

wire_enum!(
    /// What an administrator records about a day.
    DayKind {
        /// Not worked though a weekday (a public holiday; 古尔邦节 and 肉孜节 in Xinjiang).
        Holiday => "holiday",
        /// Worked though a weekend day (调休).
        Workday => "workday",
    }
);

/// Working days: Monday to Friday, less the holidays, plus the weekend days worked in their
/// place; the national days of 2022–2023 shipped, others recorded by administrators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, DayKind>,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::national()
    }
}

impl Calendar {
    /// The national holidays and worked weekends of 2022–2023 (国务院办公厅 notices).
    pub fn national() -> Calendar {
        let mut days = BTreeMap::new();
        let date = |&(y, m, d): &(i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
        for d in HOLIDAYS.iter().filter_map(date) {
            days.insert(d, DayKind::Holiday);
        }
        for d in WORKED_WEEKENDS.iter().filter_map(date) {
            days.insert(d, DayKind::Workday);
        }
        Calendar { days }
    }

    /// Records a day as a holiday or a worked day; `None` returns it to the weekday rule.
    pub fn set(&mut self, day: NaiveDate, kind: Option<DayKind>) {
        match kind {
            Some(k) => {
                self.days.insert(day, k);
            }
            None => {
                self.days.remove(&day);
            }
        }
    }

    /// What is recorded about a day, if anything.
    pub fn day(&self, day: NaiveDate) -> Option<DayKind> {
        self.days.get(&day).copied()
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some(DayKind::Workday) => true,
            Some(DayKind::Holiday) => false,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The `n`th working day after `from` (`from` itself when `n` is 0).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d += Duration::days(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not after `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut d = from;
        let mut n = 0;
        while d < to {
            d += Duration::days(1);
            if self.is_working_day(d) {
                n += 1;
            }
        }
        n
    }
}

fn national() -> &'static Calendar {
    static NATIONAL: OnceLock<Calendar> = OnceLock::new();
    NATIONAL.get_or_init(Calendar::national)
}

/// On the national calendar as shipped.
pub fn is_working_day(d: NaiveDate) -> bool {
    if listed(WORKED_WEEKENDS, d) {
        return true;
    }
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !listed(HOLIDAYS, d)
}

/// The `n`th working day after `from` on the national calendar as shipped.
pub fn add_working_days(from: NaiveDate, n: u32) -> NaiveDate {
    national().add_working_days(from, n)
}

/// Working days after `from` up to and including `to` on the national calendar as shipped.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    national().working_days_between(from, to)
}

/// A request is "due soon" (yellow) when at most this many working days are left.
pub const DUE_SOON_WORKING_DAYS: u32 = 2;

/// Where a request stands against its time limit, as government desks colour it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    OnTime,
    /// Yellow: `DUE_SOON_WORKING_DAYS` working days or fewer left.
    DueSoon,
    /// Red: past its last day.
    Overdue,
}

impl DeadlineState {
    /// An open request on `today` against its last day `due_on` (national calendar).
    pub fn of_open(due_on: NaiveDate, today: NaiveDate) -> DeadlineState {
        DeadlineState::of_open_in(national(), due_on, today)
    }

    /// An open request on `today` against its last day `due_on`, on a calendar.
    pub fn of_open_in(calendar: &Calendar, due_on: NaiveDate, today: NaiveDate) -> DeadlineState {
        if today > due_on {
            DeadlineState::Overdue
        } else if calendar.working_days_between(today, due_on) <= DUE_SOON_WORKING_DAYS {
            DeadlineState::DueSoon
        } else {
            DeadlineState::OnTime
        }
    }

    /// A closed request: on time when it was closed by its last day.
    pub fn of_closed(due_on: NaiveDate, closed_on: NaiveDate) -> DeadlineState {
        if closed_on > due_on {
            DeadlineState::Overdue
        } else {
            DeadlineState::OnTime
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn working_days_between_skips_weekends_and_holidays() {
        // Thursday 06-02 to Monday 06-06: Friday is the Dragon Boat Festival.
        assert_eq!(working_days_between(d(2022, 6, 2), d(2022, 6, 6)), 1);
        assert_eq!(working_days_between(d(2022, 6, 6), d(2022, 6, 2)), 0);
    }

    #[test]
    fn deadline_states_by_working_days_left() {
        let due = d(2022, 6, 10); // a Friday
        // Monday 06-06: four working days left.
        assert_eq!(
            DeadlineState::of_open(due, d(2022, 6, 6)),
            DeadlineState::OnTime
        );
        // Wednesday 06-08: two left, due soon; on the day itself, still due soon.
        assert_eq!(
            DeadlineState::of_open(due, d(2022, 6, 8)),
            DeadlineState::DueSoon
        );
        assert_eq!(DeadlineState::of_open(due, due), DeadlineState::DueSoon);
        assert_eq!(
            DeadlineState::of_open(due, d(2022, 6, 11)),
            DeadlineState::Overdue
        );
        assert_eq!(
            DeadlineState::of_closed(due, d(2022, 6, 13)),
            DeadlineState::Overdue
        );
        assert_eq!(DeadlineState::of_closed(due, due), DeadlineState::OnTime);
    }

    #[test]
    fn weekends_are_skipped() {
        // Friday 2022-06-10 + 1 working day = Monday 2022-06-13.
        assert_eq!(add_working_days(d(2022, 6, 10), 1), d(2022, 6, 13));
    }

    #[test]
    fn the_dragon_boat_festival_is_skipped() {
        // Thursday 2022-06-02 + 1: Friday 06-03 is the festival, so Monday 06-06.
        assert_eq!(add_working_days(d(2022, 6, 2), 1), d(2022, 6, 6));
    }

    #[test]
    fn a_recorded_festival_is_skipped_and_a_recorded_workday_counts() {
        // 2024-06-17, a Monday, was 古尔邦节 in Xinjiang.
        let mut cal = Calendar::national();
        let friday = d(2024, 6, 14);
        assert_eq!(cal.add_working_days(friday, 1), d(2024, 6, 17));
        cal.set(d(2024, 6, 17), Some(DayKind::Holiday));
        assert_eq!(cal.add_working_days(friday, 1), d(2024, 6, 18));
        assert_eq!(cal.working_days_between(friday, d(2024, 6, 18)), 1);
        cal.set(d(2024, 6, 15), Some(DayKind::Workday));
        assert_eq!(cal.add_working_days(friday, 1), d(2024, 6, 15));
        cal.set(d(2024, 6, 15), None);
        assert_eq!(cal.add_working_days(friday, 1), d(2024, 6, 18));
        assert_eq!(
            DeadlineState::of_open_in(&cal, d(2024, 6, 19), d(2024, 6, 14)),
            DeadlineState::DueSoon,
            "two working days left: the 18th and the 19th"
        );
    }

    #[test]
    fn the_national_calendar_agrees_with_the_shipped_lists() {
        let cal = Calendar::national();
        let mut day = d(2022, 1, 1);
        while day < d(2024, 1, 1) {
            assert_eq!(cal.is_working_day(day), is_working_day(day), "{day}");
            day += Duration::days(1);
        }
    }

    #[test]
    fn a_worked_saturday_counts() {
        // Friday 2022-05-06 + 1: Saturday 05-07 was worked.
        assert_eq!(add_working_days(d(2022, 5, 6), 1), d(2022, 5, 7));
    }
}
