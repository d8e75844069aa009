//! The supervision and assessment table (督导考核): each department's and county's figures
//! over a period — requests received and decided, on time with its denominator, overdue now,
//! working days to decide, ratings and satisfaction, rectifications open and overdue,
//! amounts approved, businesses helped — ranked only among units with enough decided
//! requests, with the period before beside them.

use std::collections::{BTreeSet, HashMap};
use std::hash::Hash;

use chrono::{Duration, NaiveDate};
use shared::answers::JurisdictionId;
use shared::api::assessment::{AssessmentResponse, AssessmentRow, Figures};
use shared::api::desk::QueueFilter;
use shared::application::rating::{RatingStanding, RectificationState};
use shared::application::{Calendar, Grant, RequestState, beijing_day};
use shared::catalog::DepartmentId;

use crate::AppState;
use crate::services::Error;
use crate::store::desk::{self as store, QueueRow, Scope};
use crate::store::ratings::{RatingRecord, RectificationRecord};

/// The longest period assessed at once.
pub const MAX_DAYS: i64 = 366;

/// A period's sums for one unit.
#[derive(Default)]
struct Tally {
    received: u64,
    decided: u64,
    decided_on_time: u64,
    working_days: u64,
    ratings: u64,
    satisfied: u64,
    approved_fen: i64,
    helped: BTreeSet<i32>,
}

impl Tally {
    #[allow(clippy::cast_precision_loss)]
    fn figures(&self) -> Figures {
        let per = |n: u64, of: u64| (of > 0).then(|| n as f64 / of as f64);
        Figures {
            received: self.received,
            decided: self.decided,
            decided_on_time: self.decided_on_time,
            on_time_rate: per(self.decided_on_time, self.decided),
            avg_working_days: per(self.working_days, self.decided),
            ratings: self.ratings,
            satisfied: self.satisfied,
            satisfaction_rate: per(self.satisfied, self.ratings),
            approved_fen: self.approved_fen,
            businesses_helped: self.helped.len() as u64,
        }
    }
}

/// One unit's tallies: this period, the one before, and what stands now.
#[derive(Default)]
struct Unit {
    now: Tally,
    before: Tally,
    overdue_now: u64,
    rectifications_open: u64,
    rectifications_overdue: u64,
}

/// A period, both ends inclusive.
#[derive(Clone, Copy)]
struct Period {
    from: NaiveDate,
    to: NaiveDate,
}

impl Period {
    fn holds(self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// The period it is compared with: for one whole calendar month, the month before (月环比:
    /// March against February, not against the 31 days before March); otherwise the period
    /// of the same length just before.
    fn before(self) -> Period {
        use chrono::Datelike;
        let whole_month = self.from.day() == 1
            && self.from.year() == self.to.year()
            && self.from.month() == self.to.month()
            && self.to.succ_opt().is_some_and(|next| next.day() == 1);
        if whole_month
            && let Some(last) = self.from.pred_opt()
            && let Some(first) = last.with_day(1)
        {
            return Period {
                from: first,
                to: last,
            };
        }
        let days = (self.to - self.from).num_days() + 1;
        Period {
            from: self.from - Duration::days(days),
            to: self.from - Duration::days(1),
        }
    }
}

fn decided_on(r: &QueueRow) -> Option<NaiveDate> {
    matches!(r.status, RequestState::Approved | RequestState::Rejected)
        .then(|| beijing_day(r.updated_at))
}

fn add_request(t: &mut Tally, calendar: &Calendar, r: &QueueRow, p: Period) {
    let filed = beijing_day(r.created_at);
    if p.holds(filed) {
        t.received += 1;
    }
    if let Some(on) = decided_on(r).filter(|on| p.holds(*on)) {
        t.decided += 1;
        if on <= r.due_on {
            t.decided_on_time += 1;
        }
        t.working_days += u64::from(calendar.working_days_between(filed, on));
        if r.status == RequestState::Approved {
            t.approved_fen += r
                .grant
                .as_deref()
                .and_then(|g| serde_json::from_str::<Grant>(g).ok())
                .map_or(0, |g| g.amount_fen());
            t.helped.insert(r.owner_id);
        }
    }
}

fn add_rating(t: &mut Tally, rating: &RatingRecord, p: Period) {
    if rating.standing != RatingStanding::Voided && p.holds(beijing_day(rating.rated_at)) {
        t.ratings += 1;
        if rating.level >= 3 {
            t.satisfied += 1;
        }
    }
}

fn add_rectification(u: &mut Unit, rect: &RectificationRecord, today: NaiveDate) {
    if rect.state == RectificationState::Open {
        u.rectifications_open += 1;
        if today > rect.due_on {
            u.rectifications_overdue += 1;
        }
    }
}

/// Rows for the units in their order; ranked among those with at least `min_decided`
/// decided (on-time rate, then satisfaction, then requests decided, best first).
fn rows<K: Copy + Eq + Hash>(
    keys: impl Iterator<Item = K>,
    mut units: HashMap<K, Unit>,
    min_decided: u64,
) -> Vec<AssessmentRow<K>> {
    let mut out: Vec<AssessmentRow<K>> = keys
        .map(|key| {
            let u = units.remove(&key).unwrap_or_default();
            let figures = u.now.figures();
            AssessmentRow {
                key,
                inactive: figures.received == 0 && figures.decided == 0 && figures.ratings == 0,
                figures,
                overdue_now: u.overdue_now,
                rectifications_open: u.rectifications_open,
                rectifications_overdue: u.rectifications_overdue,
                rank: None,
                previous: u.before.figures(),
            }
        })
        .collect();
    let mut ranked: Vec<usize> = (0..out.len())
        .filter(|i| out[*i].figures.decided >= min_decided.max(1))
        .collect();
    let score = |r: &AssessmentRow<K>| {
        (
            r.figures.on_time_rate.unwrap_or(0.0),
            r.figures.satisfaction_rate.unwrap_or(0.0),
            r.figures.decided,
        )
    };
    ranked.sort_by(|a, b| {
        let (x, y) = (score(&out[*a]), score(&out[*b]));
        y.0.total_cmp(&x.0)
            .then(y.1.total_cmp(&x.1))
            .then(y.2.cmp(&x.2))
    });
    for (place, i) in ranked.into_iter().enumerate() {
        out[i].rank = u32::try_from(place + 1).ok();
    }
    out
}

/// The table for `from`–`to` (Beijing days), compared with the period of the same length
/// just before; units ranked with at least `min_decided` decided requests.
pub async fn assessment(
    state: &AppState,
    from: NaiveDate,
    to: NaiveDate,
    min_decided: u64,
) -> Result<AssessmentResponse, Error> {
    if from > to {
        return Err(Error::field("from", "must not be after `to`"));
    }
    let days = (to - from).num_days() + 1;
    if days > MAX_DAYS {
        return Err(Error::field(
            "to",
            format!("a period is at most {MAX_DAYS} days"),
        ));
    }
    table(state, from, to, min_decided).await
}

/// The table over any period (the public results span the plan's whole period).
async fn table(
    state: &AppState,
    from: NaiveDate,
    to: NaiveDate,
    min_decided: u64,
) -> Result<AssessmentResponse, Error> {
    let period = Period { from, to };
    let previous = period.before();
    let today = state.today();
    let active = state.active();
    let calendar = &active.calendar;
    let all = QueueFilter::default();
    let selection = store::Selection::new(&state.db, &Scope::All, &all, today).await?;
    let requests = store::page(&state.db, &selection, None, None).await?;
    let ids: Vec<i32> = requests.iter().map(|r| r.id).collect();
    let routed = store::departments_of(&state.db, &ids).await?;
    let mut by_department: HashMap<DepartmentId, Unit> = HashMap::new();
    let mut by_county: HashMap<JurisdictionId, Unit> = HashMap::new();
    let mut county_of: HashMap<i32, JurisdictionId> = HashMap::new();
    for r in &requests {
        // The department that decides it: the lead where one is recorded, else each routed.
        let deciders: Vec<DepartmentId> = match r.lead {
            Some(lead) => vec![lead],
            None => routed.get(&r.id).cloned().unwrap_or_default(),
        };
        let overdue =
            r.status.is_open() && today > crate::services::desk::due_as_of(calendar, r, today);
        let count = |u: &mut Unit| {
            add_request(&mut u.now, calendar, r, period);
            add_request(&mut u.before, calendar, r, previous);
            u.overdue_now += u64::from(overdue);
        };
        for d in &deciders {
            count(by_department.entry(*d).or_default());
        }
        if let Some(j) = r.jurisdiction {
            county_of.insert(r.id, j);
            count(by_county.entry(j).or_default());
        }
    }
    for rating in crate::store::ratings::ratings(&state.db, None).await? {
        let d = by_department.entry(rating.department).or_default();
        add_rating(&mut d.now, &rating, period);
        add_rating(&mut d.before, &rating, previous);
        if let Some(j) = county_of.get(&rating.request_id) {
            let c = by_county.entry(*j).or_default();
            add_rating(&mut c.now, &rating, period);
            add_rating(&mut c.before, &rating, previous);
        }
    }
    for rect in crate::store::ratings::rectifications(&state.db, None).await? {
        add_rectification(
            by_department.entry(rect.department).or_default(),
            &rect,
            today,
        );
        if let Some(j) = rect.jurisdiction {
            add_rectification(by_county.entry(j).or_default(), &rect, today);
        }
    }
    let catalog = state.catalog();
    // The units supervised: the departments some measure names, and every county.
    let supervised = catalog
        .departments
        .iter()
        .map(|d| d.id)
        .filter(|d| catalog.measures.iter().any(|m| m.departments.contains(d)));
    Ok(AssessmentResponse {
        from,
        to,
        previous_from: previous.from,
        previous_to: previous.to,
        min_decided,
        departments: rows(supervised, by_department, min_decided),
        counties: rows(
            catalog.jurisdictions.iter().map(|j| j.id),
            by_county,
            min_decided,
        ),
    })
}

/// The plan's period as the catalog in force spans it: from the earliest measure's start to
/// the latest's end, or today when a measure has no end or the end is still to come.
fn plan_period(state: &AppState) -> (NaiveDate, NaiveDate) {
    let catalog = state.catalog();
    let today = state.today();
    let from = catalog
        .measures
        .iter()
        .map(|m| m.period.from)
        .min()
        .unwrap_or(today);
    let to = catalog
        .measures
        .iter()
        .map(|m| m.period.to)
        .try_fold(from, |latest, to| to.map(|t| latest.max(t)))
        .map_or(today, |t| t.min(today));
    (from.min(today), to)
}

/// The evaluation indicators published to all (公开评价指标值, 国办发〔2019〕51号): each
/// department's on-time and satisfaction rates over the plan's period, with their
/// denominators.
pub async fn public(state: &AppState) -> Result<shared::api::assessment::PublicResults, Error> {
    let (from, to) = plan_period(state);
    let t = table(state, from, to, 1).await?;
    Ok(shared::api::assessment::PublicResults {
        from,
        to,
        departments: t
            .departments
            .iter()
            .map(|r| shared::api::assessment::PublicRow {
                department: r.key,
                figures: (&r.figures).into(),
            })
            .collect(),
        counties: t
            .counties
            .iter()
            .map(|r| shared::api::assessment::PublicCountyRow {
                county: r.key,
                figures: (&r.figures).into(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_whole_month_is_compared_with_the_month_before_and_other_periods_with_as_many_days() {
        let march = Period {
            from: day("2022-03-01"),
            to: day("2022-03-31"),
        };
        let before = march.before();
        assert_eq!(
            (before.from, before.to),
            (day("2022-02-01"), day("2022-02-28"))
        );
        let january = Period {
            from: day("2022-01-01"),
            to: day("2022-01-31"),
        }
        .before();
        assert_eq!(
            (january.from, january.to),
            (day("2021-12-01"), day("2021-12-31"))
        );
        let ten_days = Period {
            from: day("2022-03-05"),
            to: day("2022-03-14"),
        }
        .before();
        assert_eq!(
            (ten_days.from, ten_days.to),
            (day("2022-02-23"), day("2022-03-04"))
        );
        // Not a whole month: March 1–30 is compared with the 30 days before.
        let almost = Period {
            from: day("2022-03-01"),
            to: day("2022-03-30"),
        }
        .before();
        assert_eq!(
            (almost.from, almost.to),
            (day("2022-01-30"), day("2022-02-28"))
        );
    }
}
