//! Enterprise size class from the national standard (工信部联企业〔2011〕300号), in
//! three-valued logic: with answers missing, the class is a range.

use serde::Serialize;

use crate::answers::{Answers, Industry, keys};
use crate::catalog::{SizeClass, SizeLimits, SizeRow, SizeStandard};
use crate::money::FEN_PER_WAN;

/// The size classes a business may be in given what is known: one class when every answer
/// that matters is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SizeRange {
    pub min: SizeClass,
    pub max: SizeClass,
    missing_industry: bool,
    missing_employees: bool,
    missing_revenue: bool,
    missing_assets: bool,
}

/// The figures a class is judged on; `None` is unknown.
#[derive(Clone, Copy)]
struct Figures {
    employees: Option<i64>,
    revenue_fen: Option<i64>,
    assets_fen: Option<i64>,
}

fn meets(limits: &SizeLimits, f: Figures, unknown_meets: bool) -> bool {
    let check = |value: Option<i64>, min: Option<i64>| match (value, min) {
        (_, None) => true,
        (Some(v), Some(m)) => v >= m,
        (None, Some(_)) => unknown_meets,
    };
    check(f.employees, limits.employees.map(i64::from))
        && check(
            f.revenue_fen,
            limits.revenue_wan.map(|w| w.saturating_mul(FEN_PER_WAN)),
        )
        && check(
            f.assets_fen,
            limits.assets_wan.map(|w| w.saturating_mul(FEN_PER_WAN)),
        )
}

/// The class of a row's business: the largest class whose every lower limit is met.
/// Unknown figures count as meeting the limits (`optimistic`) or as failing them.
fn class_in(row: &SizeRow, f: Figures, optimistic: bool) -> SizeClass {
    if meets(&row.large, f, optimistic) {
        SizeClass::Large
    } else if meets(&row.medium, f, optimistic) {
        SizeClass::Medium
    } else if meets(&row.small, f, optimistic) {
        SizeClass::Small
    } else {
        SizeClass::Micro
    }
}

fn uses(row: &SizeRow) -> (bool, bool, bool) {
    let rows = [&row.large, &row.medium, &row.small];
    (
        rows.iter().any(|l| l.employees.is_some()),
        rows.iter().any(|l| l.revenue_wan.is_some()),
        rows.iter().any(|l| l.assets_wan.is_some()),
    )
}

impl SizeRange {
    pub fn of(standard: &SizeStandard, answers: &Answers) -> SizeRange {
        let f = Figures {
            employees: answers.number(keys::EMPLOYEES),
            revenue_fen: answers.number(keys::ANNUAL_REVENUE_FEN),
            assets_fen: answers.number(keys::TOTAL_ASSETS_FEN),
        };
        let industry = answers.choice::<Industry>(keys::INDUSTRY);
        let candidates: Vec<&SizeRow> = match industry {
            Some(i) => standard.row(i).into_iter().collect(),
            None => standard.rows.iter().collect(),
        };
        let mut min = SizeClass::Large;
        let mut max = SizeClass::Micro;
        let (mut uses_e, mut uses_r, mut uses_a) = (false, false, false);
        for row in &candidates {
            min = min.min(class_in(row, f, false));
            max = max.max(class_in(row, f, true));
            let (e, r, a) = uses(row);
            uses_e |= e;
            uses_r |= r;
            uses_a |= a;
        }
        if candidates.is_empty() {
            min = SizeClass::Micro;
            max = SizeClass::Large;
        }
        SizeRange {
            min,
            max,
            missing_industry: industry.is_none(),
            missing_employees: uses_e && f.employees.is_none(),
            missing_revenue: uses_r && f.revenue_fen.is_none(),
            missing_assets: uses_a && f.assets_fen.is_none(),
        }
    }

    /// The class, when the answers settle it.
    pub fn exact(&self) -> Option<SizeClass> {
        (self.min == self.max).then_some(self.min)
    }

    /// Whether the class is one of `allowed`: yes, no, or unknown while the range straddles.
    pub fn within(&self, allowed: &[SizeClass]) -> Option<bool> {
        let possible: Vec<SizeClass> = SizeClass::ALL
            .iter()
            .copied()
            .filter(|c| *c >= self.min && *c <= self.max)
            .collect();
        if possible.iter().all(|c| allowed.contains(c)) {
            Some(true)
        } else if possible.iter().all(|c| !allowed.contains(c)) {
            Some(false)
        } else {
            None
        }
    }

    /// The answers that could narrow the range, in questionnaire order.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut found = Vec::new();
        if self.exact().is_some() {
            return found;
        }
        if self.missing_industry {
            found.push(keys::INDUSTRY);
        }
        if self.missing_employees {
            found.push(keys::EMPLOYEES);
        }
        if self.missing_revenue {
            found.push(keys::ANNUAL_REVENUE_FEN);
        }
        if self.missing_assets {
            found.push(keys::TOTAL_ASSETS_FEN);
        }
        found
    }
}

/// Convenience for callers that only know an industry and figures.
pub fn size_class(standard: &SizeStandard, answers: &Answers) -> Option<SizeClass> {
    SizeRange::of(standard, answers).exact()
}
