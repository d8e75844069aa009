//! Working days: Monday to Friday, less the public holidays, plus the weekend days worked in
//! their place (调休). The officials' desk will make this calendar configurable.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

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

pub fn is_working_day(d: NaiveDate) -> bool {
    if listed(WORKED_WEEKENDS, d) {
        return true;
    }
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !listed(HOLIDAYS, d)
}

/// The `n`th working day after `from` (`from` itself when `n` is 0).
pub fn add_working_days(from: NaiveDate, n: u32) -> NaiveDate {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// Working days after `from` up to and including `to` (0 when `to` is not after `from`).
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut d = from;
    let mut n = 0;
    while d < to {
        d += Duration::days(1);
        if is_working_day(d) {
            n += 1;
        }
    }
    n
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
    /// An open request on `today` against its last day `due_on`.
    pub fn of_open(due_on: NaiveDate, today: NaiveDate) -> DeadlineState {
        if today > due_on {
            DeadlineState::Overdue
        } else if working_days_between(today, due_on) <= DUE_SOON_WORKING_DAYS {
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
    fn a_worked_saturday_counts() {
        // Friday 2022-05-06 + 1: Saturday 05-07 was worked.
        assert_eq!(add_working_days(d(2022, 5, 6), 1), d(2022, 5, 7));
    }
}
