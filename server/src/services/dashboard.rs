//! The supervising office's dashboard: each department's and jurisdiction's figures, and
//! the weekly trend.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;

use chrono::{Datelike, Duration, NaiveDate};
use shared::api::desk::{
    DashboardResponse, DashboardRow, DashboardTotals, QueueFilter, WeekFigures,
};
use shared::application::beijing_day;
use shared::application::{Calendar, Grant, RequestState};

use crate::AppState;
use crate::services::Error;
use crate::store::desk::{self as store, QueueRow, Scope};

/// Weeks in the trend, this one included.
pub const TREND_WEEKS: i64 = 12;

/// Sums for one department or jurisdiction.
#[derive(Default)]
struct Tally {
    received: u64,
    decided: u64,
    decided_on_time: u64,
    overdue_now: u64,
    working_days_to_decide: u64,
    approved_fen: i64,
    helped: BTreeSet<i32>,
    not_received_open: u64,
    confirmations_overdue: u64,
}

impl Tally {
    /// Counts `r`; `late_counts` is false for a department that only assists on it (another
    /// leads), so it is not counted overdue for it.
    fn add(&mut self, calendar: &Calendar, r: &QueueRow, today: NaiveDate, late_counts: bool) {
        self.received += 1;
        if let Some(on) = decided_on(r) {
            self.decided += 1;
            if on <= r.due_on {
                self.decided_on_time += 1;
            }
            self.working_days_to_decide +=
                u64::from(calendar.working_days_between(beijing_day(r.created_at), on));
        }
        if late_counts
            && r.status.is_open()
            && today > crate::services::desk::due_as_of(calendar, r, today)
        {
            self.overdue_now += 1;
        }
        if r.status == RequestState::Approved {
            self.approved_fen += r
                .grant
                .as_deref()
                .and_then(|g| serde_json::from_str::<Grant>(g).ok())
                .map_or(0, |g| g.amount_fen());
            self.helped.insert(r.owner_id);
        }
    }

    /// The figures of every request once: a row's, without its key.
    fn totals(self) -> DashboardTotals {
        let r = self.row(());
        DashboardTotals {
            received: r.received,
            decided: r.decided,
            decided_on_time: r.decided_on_time,
            on_time_rate: r.on_time_rate,
            overdue_now: r.overdue_now,
            approved_fen: r.approved_fen,
            businesses_helped: r.businesses_helped,
        }
    }

    #[allow(clippy::cast_precision_loss)]
    fn row<K>(self, key: K) -> DashboardRow<K> {
        let per_decision = |n: u64| (self.decided > 0).then(|| n as f64 / self.decided as f64);
        DashboardRow {
            key,
            received: self.received,
            decided: self.decided,
            decided_on_time: self.decided_on_time,
            on_time_rate: per_decision(self.decided_on_time),
            overdue_now: self.overdue_now,
            avg_working_days_to_decide: per_decision(self.working_days_to_decide),
            approved_fen: self.approved_fen,
            businesses_helped: self.helped.len() as u64,
            not_received_open: self.not_received_open,
            confirmations_overdue: self.confirmations_overdue,
        }
    }
}

/// The day an approval or rejection was made (the request does not change after it).
fn decided_on(r: &QueueRow) -> Option<NaiveDate> {
    matches!(r.status, RequestState::Approved | RequestState::Rejected)
        .then(|| beijing_day(r.updated_at))
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

fn rows_for<K: Copy + Eq + Hash>(
    keys: impl Iterator<Item = K>,
    mut tallies: HashMap<K, Tally>,
) -> Vec<DashboardRow<K>> {
    keys.map(|k| tallies.remove(&k).unwrap_or_default().row(k))
        .collect()
}

/// The figures of the requests filed from `from` to `to` (Beijing days; either open-ended
/// when left out): the totals, by department (a request routed to two counts for both) and
/// by jurisdiction, in the catalog's order; the `TREND_WEEKS` weeks up to `to` (or today).
pub async fn dashboard(
    state: &AppState,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<DashboardResponse, Error> {
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(Error::field("from", "must not be after `to`"));
    }
    let today = state.today();
    let active = state.active();
    let period = QueueFilter {
        from,
        to,
        ..QueueFilter::default()
    };
    let selection = store::Selection::new(&state.db, &Scope::All, &period, today).await?;
    let rows = store::page(&state.db, &selection, None, None).await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let departments = store::departments_of(&state.db, &ids).await?;

    let mut by_department = HashMap::new();
    let mut by_jurisdiction = HashMap::new();
    let this_week = monday_of(to.map_or(today, |to| to.min(today)));
    let mut totals = Tally::default();
    let first_week = this_week - Duration::weeks(TREND_WEEKS - 1);
    let mut weeks: BTreeMap<NaiveDate, WeekFigures> = (0..TREND_WEEKS)
        .map(|w| {
            let week_start = first_week + Duration::weeks(w);
            (
                week_start,
                WeekFigures {
                    week_start,
                    received: 0,
                    decided: 0,
                },
            )
        })
        .collect();
    for r in &rows {
        totals.add(&active.calendar, r, today, true);
        for d in departments.get(&r.id).into_iter().flatten() {
            by_department.entry(*d).or_insert_with(Tally::default).add(
                &active.calendar,
                r,
                today,
                r.lead.is_none_or(|lead| lead == *d),
            );
        }
        if let Some(j) = r.jurisdiction {
            by_jurisdiction.entry(j).or_insert_with(Tally::default).add(
                &active.calendar,
                r,
                today,
                true,
            );
        }
        if let Some(w) = weeks.get_mut(&monday_of(beijing_day(r.created_at))) {
            w.received += 1;
        }
        if let Some(w) = decided_on(r).and_then(|on| weeks.get_mut(&monday_of(on))) {
            w.decided += 1;
        }
    }
    // What owners say did not arrive, while the department has not closed it.
    for missing in crate::store::ledger::open_missing(&state.db, None).await? {
        by_department
            .entry(missing.department)
            .or_insert_with(Tally::default)
            .not_received_open += 1;
        if let Some(j) = missing.jurisdiction {
            by_jurisdiction
                .entry(j)
                .or_insert_with(Tally::default)
                .not_received_open += 1;
        }
    }
    // Confirmations providers have not answered in time.
    for (department, n) in
        crate::services::requests::confirmations::overdue_by_department(state).await?
    {
        by_department
            .entry(department)
            .or_insert_with(Tally::default)
            .confirmations_overdue += n;
    }
    let catalog = &state.catalog();
    // The units the office supervises: the departments some measure names. A department no
    // measure routes to decides nothing (the supervising office itself).
    let supervised = catalog
        .departments
        .iter()
        .map(|d| d.id)
        .filter(|d| catalog.measures.iter().any(|m| m.departments.contains(d)));
    Ok(DashboardResponse {
        as_of: today,
        from,
        to,
        totals: totals.totals(),
        departments: rows_for(supervised, by_department),
        jurisdictions: rows_for(catalog.jurisdictions.iter().map(|j| j.id), by_jurisdiction),
        weeks: weeks.into_values().collect(),
        unrecorded_holiday_years: crate::services::rules::unrecorded_holiday_years(
            &active,
            today,
            rows.iter()
                .filter(|r| r.status.is_open())
                .map(|r| crate::services::desk::due_as_of(&active.calendar, r, today)),
        ),
    })
}
