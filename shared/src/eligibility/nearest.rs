//! Why not, and the nearest change: for a result that is not eligible, the smallest change
//! of one answer a business can make that would make it eligible.
//!
//! Only facts a business can change are proposed: the answers the catalog's questions declare
//! `changeable` (in 2022: its taxable income, staff, assets and revenue, by the size
//! standard's and the rules' limits, and whether it bids in tenders, pays unemployment
//! insurance or seeks to register as an evaluation institution). Never its county, its
//! landlord, its past or a declaration about its situation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::answers::{AnswerKey, Answers, Industry, keys};
use crate::catalog::{Catalog, SizeClass, SizeLimits};
use crate::money::FEN_PER_WAN;
use crate::wire::wire_enum;

use super::finding::Finding;
use super::{MeasureResult, Status, evaluate_one};

wire_enum!(
    /// How the proposed value relates to the answer.
    ChangeOp {
        Eq => "eq",
        Le => "le",
        Ge => "ge",
        In => "in",
    }
);

/// One answer changed so that the measure would be eligible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub answer: AnswerKey,
    pub op: ChangeOp,
    /// The value as the answer is written on the wire (a number in its unit, or a boolean).
    pub value: serde_json::Value,
}

/// Whether the catalog declares the answer one the business can change itself.
fn changeable(catalog: &Catalog, key: &str) -> bool {
    catalog.question(key).is_some_and(|q| q.changeable)
}

/// A candidate: the answers with one changed, and how to say it.
struct Candidate {
    answers: Answers,
    change: Change,
}

fn number_candidate(
    catalog: &Catalog,
    base: &Answers,
    answer: &str,
    value: i64,
) -> Option<Candidate> {
    let current = base.number(answer)?;
    if value == current || value < 0 || !changeable(catalog, answer) {
        return None;
    }
    let mut answers = base.clone();
    answers.set(answer, value);
    let op = if value < current {
        ChangeOp::Le
    } else {
        ChangeOp::Ge
    };
    Some(Candidate {
        answers,
        change: Change {
            answer: answer.into(),
            op,
            value: serde_json::Value::from(value),
        },
    })
}

/// The figures just below each lower limit of the size classes a measure allows.
fn size_candidates(
    catalog: &Catalog,
    base: &Answers,
    allowed: &[SizeClass],
    out: &mut Vec<Candidate>,
) {
    let Some(row) = base
        .choice::<Industry>(keys::INDUSTRY)
        .and_then(|i| catalog.size_standard.row(i))
    else {
        return;
    };
    // To fall into an allowed class, stay below the lower limits of the smallest class
    // that is not allowed.
    let classes = [
        (SizeClass::Small, &row.small),
        (SizeClass::Medium, &row.medium),
        (SizeClass::Large, &row.large),
    ];
    let Some((_, limits)) = classes.iter().find(|(c, _)| !allowed.contains(c)) else {
        return;
    };
    let SizeLimits {
        employees,
        revenue_wan,
        assets_wan,
    } = **limits;
    if let Some(e) = employees {
        out.extend(number_candidate(
            catalog,
            base,
            keys::EMPLOYEES,
            i64::from(e) - 1,
        ));
    }
    if let Some(w) = revenue_wan {
        out.extend(number_candidate(
            catalog,
            base,
            keys::ANNUAL_REVENUE_FEN,
            w * FEN_PER_WAN - 1,
        ));
    }
    if let Some(w) = assets_wan {
        out.extend(number_candidate(
            catalog,
            base,
            keys::TOTAL_ASSETS_FEN,
            w * FEN_PER_WAN - 1,
        ));
    }
}

/// The single-answer changes that would make a not-eligible result eligible, in
/// questionnaire order; empty when none exists.
pub fn would_qualify_if(
    catalog: &Catalog,
    answers: &Answers,
    as_of: NaiveDate,
    result: &MeasureResult<'_>,
) -> Vec<Change> {
    if result.status != Status::NotEligible {
        return Vec::new();
    }
    let failed: Vec<&Finding<'_>> = result
        .reasons
        .iter()
        .filter(|r| r.met == Some(false))
        .map(|r| &r.finding)
        .collect();
    let mut candidates = Vec::new();
    for finding in failed {
        match finding {
            Finding::AtMost {
                answer,
                limit: Some(limit),
                ..
            } => candidates.extend(number_candidate(catalog, answers, answer, *limit)),
            Finding::Business {
                sizes,
                entity_type: Some(e),
                ..
            } if e.is_enterprise() => size_candidates(catalog, answers, sizes, &mut candidates),
            Finding::Answer {
                answer, expected, ..
            } if changeable(catalog, answer) => {
                let mut changed = answers.clone();
                changed.set(answer, *expected);
                candidates.push(Candidate {
                    answers: changed,
                    change: Change {
                        answer: (*answer).into(),
                        op: ChangeOp::Eq,
                        value: serde_json::Value::Bool(*expected),
                    },
                });
            }
            _ => {}
        }
    }
    let mut changes: Vec<Change> = candidates
        .into_iter()
        .filter(|c| {
            evaluate_one(catalog, &c.answers, as_of, result.measure) == Some(Status::Eligible)
        })
        .map(|c| c.change)
        .collect();
    changes.sort_by_key(|c| catalog.question_order(&c.answer));
    changes.dedup_by(|a, b| a.answer == b.answer);
    changes
}
