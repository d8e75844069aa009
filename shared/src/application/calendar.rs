//! Working days: Monday to Friday, less the public holidays, plus the weekend days worked in
//! their place (调休). Administrators record further days (each year's national notice,
//! Xinjiang's 古尔邦节 and 肉孜节); the server keeps the calendar in force.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

use crate::wire::wire_enum;

/// The instant a Beijing calendar day begins (00:00 in Beijing, 16:00 UTC the day before):
/// where a filter "on or after this day" starts.
pub fn beijing_day_start(day: NaiveDate) -> DateTime<Utc> {
    (day.and_time(chrono::NaiveTime::MIN) - Duration::hours(BEIJING_UTC_OFFSET_HOURS)).and_utc()
}

/// Public holidays on weekdays in the State Council's yearly notices (国务院办公厅关于
/// 20XX年部分节假日安排的通知), 2022–2026, as (year, month, day).
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
    // 国办发明电〔2023〕7号
    (2024, 1, 1),
    (2024, 2, 12),
    (2024, 2, 13),
    (2024, 2, 14),
    (2024, 2, 15),
    (2024, 2, 16),
    (2024, 4, 4),
    (2024, 4, 5),
    (2024, 5, 1),
    (2024, 5, 2),
    (2024, 5, 3),
    (2024, 6, 10),
    (2024, 9, 16),
    (2024, 9, 17),
    (2024, 10, 1),
    (2024, 10, 2),
    (2024, 10, 3),
    (2024, 10, 4),
    (2024, 10, 7),
    // 国办发明电〔2024〕12号
    (2025, 1, 1),
    (2025, 1, 28),
    (2025, 1, 29),
    (2025, 1, 30),
    (2025, 1, 31),
    (2025, 2, 3),
    (2025, 2, 4),
    (2025, 4, 4),
    (2025, 5, 1),
    (2025, 5, 2),
    (2025, 5, 5),
    (2025, 6, 2),
    (2025, 10, 1),
    (2025, 10, 2),
    (2025, 10, 3),
    (2025, 10, 6),
    (2025, 10, 7),
    (2025, 10, 8),
    // 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)
    (2026, 1, 1),
    (2026, 1, 2),
    (2026, 2, 16),
    (2026, 2, 17),
    (2026, 2, 18),
    (2026, 2, 19),
    (2026, 2, 20),
    (2026, 2, 23),
    (2026, 4, 6),
    (2026, 5, 1),
    (2026, 5, 4),
    (2026, 5, 5),
    (2026, 6, 19),
    (2026, 9, 25),
    (2026, 10, 1),
    (2026, 10, 2),
    (2026, 10, 5),
    (2026, 10, 6),
    (2026, 10, 7),
];

/// Weekend days that were working days (调休), in the same notices.
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
    (2024, 2, 4),
    (2024, 2, 18),
    (2024, 4, 7),
    (2024, 4, 28),
    (2024, 5, 11),
    (2024, 9, 14),
    (2024, 9, 29),
    (2024, 10, 12),
    (2025, 1, 26),
    (2025, 2, 8),
    (2025, 4, 27),
    (2025, 9, 28),
    (2025, 10, 11),
    (2026, 1, 4),
    (2026, 2, 14),
    (2026, 2, 28),
    (2026, 5, 9),
    (2026, 9, 20),
    (2026, 10, 10),
];

/// The years the shipped lists cover in full.
const SHIPPED_YEARS: std::ops::RangeInclusive<i32> = 2022..=2026;

/// Whether a day is a holiday by a fixed date of 全国年节及纪念日放假办法, whatever the
/// year: 元旦 1 January, 劳动节 1 May (and 2 May from 2025, 国务院令第795号), 国庆节 1–3
/// October. The lunar festivals and each year's 调休 are not fixed: they are recorded.
pub fn is_fixed_holiday(d: NaiveDate) -> bool {
    matches!(
        (d.month(), d.day()),
        (1, 1) | (5, 1) | (10, 1) | (10, 2) | (10, 3)
    ) || (d.year() >= 2025 && (d.month(), d.day()) == (5, 2))
}

/// Beijing time is UTC+8 all year (no daylight saving since 1991).
const BEIJING_UTC_OFFSET_HOURS: i64 = 8;

/// The calendar day in Beijing (Asia/Shanghai) at an instant: the day every date Shukun
/// derives from "now" is counted from (a filing at 04:00 Beijing time is that day's, not
/// the previous UTC day's).
pub fn beijing_day(at: DateTime<Utc>) -> NaiveDate {
    (at.naive_utc() + Duration::hours(BEIJING_UTC_OFFSET_HOURS)).date()
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
/// place; the fixed-date holidays of every year and the national lists of 2022–2026 shipped,
/// others recorded by administrators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, DayKind>,
    /// Years whose holidays are recorded: the shipped lists, and each year an administrator
    /// recorded a day of other than the fixed dates. In any other year only the fixed dates
    /// and weekends are known, so due dates there may fall on an unrecorded holiday.
    recorded_years: BTreeSet<i32>,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::national()
    }
}

impl Calendar {
    /// The national holidays and worked weekends of 2022–2026 (国务院办公厅 notices).
    pub fn national() -> Calendar {
        let mut days = BTreeMap::new();
        let date = |&(y, m, d): &(i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
        for d in HOLIDAYS.iter().filter_map(date) {
            days.insert(d, DayKind::Holiday);
        }
        for d in WORKED_WEEKENDS.iter().filter_map(date) {
            days.insert(d, DayKind::Workday);
        }
        Calendar {
            days,
            recorded_years: SHIPPED_YEARS.collect(),
        }
    }

    /// Records a day as a holiday or a worked day; `None` returns it to the weekday rule.
    /// A day recorded other than a fixed-date holiday marks its year's holidays recorded.
    pub fn set(&mut self, day: NaiveDate, kind: Option<DayKind>) {
        match kind {
            Some(k) => {
                if !(k == DayKind::Holiday && is_fixed_holiday(day)) {
                    self.recorded_years.insert(day.year());
                }
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
            None => !is_fixed_holiday(d) && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// Whether a year's holidays are recorded (shipped, or recorded by an administrator).
    pub fn holidays_recorded(&self, year: i32) -> bool {
        self.recorded_years.contains(&year)
    }

    /// The years from `from`'s to `to`'s whose holidays nobody has recorded, in order: due
    /// dates there count only weekends and the fixed-date holidays.
    pub fn unrecorded_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        (from.year()..=to.year().max(from.year()))
            .filter(|y| !self.holidays_recorded(*y))
            .collect()
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

    /// The last day of a request whose time limit has stood still since `paused_on` (the
    /// department asked the owner for more), were the owner to answer on `today`: `due_on`
    /// moved by the working days waited.
    pub fn due_while_paused(
        &self,
        due_on: NaiveDate,
        paused_on: NaiveDate,
        today: NaiveDate,
    ) -> NaiveDate {
        self.add_working_days(due_on, self.working_days_between(paused_on, today))
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
    national().is_working_day(d)
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
    fn a_beijing_day_begins_at_1600_utc_the_day_before() {
        let start = beijing_day_start(d(2022, 6, 6));
        assert_eq!(start.to_rfc3339(), "2022-06-05T16:00:00+00:00");
        assert_eq!(beijing_day(start), d(2022, 6, 6));
        assert_eq!(beijing_day(start - Duration::seconds(1)), d(2022, 6, 5));
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

    /// Working days in each shipped year as the notices give them: the weekdays, less the
    /// weekday holidays, plus the worked weekend days (2025 and 2026 have two more statutory
    /// holidays, 国务院令第795号).
    #[test]
    fn each_shipped_year_has_the_working_days_its_notice_gives() {
        let cal = Calendar::national();
        for (year, expected) in [
            (2022, 249),
            (2023, 249),
            (2024, 251),
            (2025, 248),
            (2026, 248),
        ] {
            let n = cal.working_days_between(d(year - 1, 12, 31), d(year, 12, 31));
            assert_eq!(n, expected, "{year}");
        }
    }

    #[test]
    fn new_years_day_2027_is_not_a_working_day_though_no_list_for_2027_is_shipped() {
        let cal = Calendar::national();
        assert!(!cal.is_working_day(d(2027, 1, 1)), "元旦 is a fixed date");
        assert!(!cal.is_working_day(d(2027, 10, 1)));
        // Thursday 2026-12-31 + 1 working day: Friday 01-01 is 元旦, so Monday 01-04.
        assert_eq!(cal.add_working_days(d(2026, 12, 31), 1), d(2027, 1, 4));
        assert!(!cal.holidays_recorded(2027));
        assert_eq!(
            cal.unrecorded_years(d(2026, 12, 20), d(2027, 1, 10)),
            vec![2027]
        );
        assert!(
            cal.unrecorded_years(d(2026, 1, 1), d(2026, 12, 31))
                .is_empty()
        );
    }

    #[test]
    fn labour_day_is_two_fixed_days_from_2025() {
        let cal = Calendar::national();
        assert!(
            !cal.is_working_day(d(2028, 5, 2)),
            "Tuesday 2028-05-02, 国务院令第795号"
        );
        assert!(
            cal.is_working_day(d(2028, 5, 3)),
            "no list for 2028: the 3rd is worked"
        );
    }

    #[test]
    fn a_year_counts_as_recorded_once_an_administrator_records_a_day_of_it() {
        let mut cal = Calendar::national();
        cal.set(d(2027, 1, 1), Some(DayKind::Holiday));
        assert!(
            !cal.holidays_recorded(2027),
            "a fixed date says nothing of the year's list"
        );
        // 春节 2027: Saturday 02-06 to ... recorded as the notice gives.
        cal.set(d(2027, 2, 8), Some(DayKind::Holiday));
        assert!(cal.holidays_recorded(2027));
        assert!(!cal.is_working_day(d(2027, 2, 8)));
    }

    #[test]
    fn a_worked_saturday_counts() {
        // Friday 2022-05-06 + 1: Saturday 05-07 was worked.
        assert_eq!(add_working_days(d(2022, 5, 6), 1), d(2022, 5, 7));
    }
}
