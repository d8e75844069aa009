//! Three-valued evaluation of every measure for one business on one date.
//!
//! [`evaluate`] gives typed results (fast, no text); [`crate::api::EligibilityResponse::render`]
//! turns them into the wire format in one language.

pub mod calc;
mod condition;
pub mod finding;
pub mod formula;
pub mod nearest;
pub mod next;
pub mod routing;
pub mod size;

use chrono::{Datelike, NaiveDate};

use crate::answers::{Answers, keys};
pub use crate::catalog::Status;
use crate::catalog::{Catalog, How, JudgedBy, Measure, MeasureId, Period};
use calc::Estimate;
pub use finding::{Finding, Reason};
pub use nearest::{Change, ChangeOp, would_qualify_if};
pub use next::{Standing, next_question, standing};
pub use routing::{Routing, route};
use size::SizeRange;

/// Whether requests for a measure are accepted on the evaluation date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window<'c> {
    pub period: &'c Period,
    pub open: bool,
}

/// The evaluation of one measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureResult<'c> {
    pub measure: MeasureId,
    pub status: Status,
    pub reasons: Vec<Reason<'c>>,
    /// Answers still missing that could, each alone, change the status; questionnaire order.
    pub missing: Vec<&'c str>,
    pub estimate: Estimate,
    /// The departments that decide this business's case.
    pub routing: Routing,
    /// How this business obtains it: the measure's way, except where the case goes
    /// elsewhere (a central SOE landlord decides its own rent waiver: guidance here).
    pub how: How,
    /// The application window of an apply measure.
    pub window: Option<Window<'c>>,
}

/// Every measure evaluated for one business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation<'c> {
    /// The catalog evaluated (its questions' order is the questionnaire's).
    pub catalog: &'c Catalog,
    pub as_of: NaiveDate,
    /// The answers evaluated.
    pub answers: &'c Answers,
    pub size: SizeRange,
    pub results: Vec<MeasureResult<'c>>,
}

/// Evaluates every measure of the catalog, in catalog order.
pub fn evaluate<'c>(
    catalog: &'c Catalog,
    answers: &'c Answers,
    as_of: NaiveDate,
) -> Evaluation<'c> {
    evaluate_with::<true>(catalog, answers, as_of)
}

/// Every measure's status, reasons, missing answers and routing, and for an eligible one the
/// answer its estimate would ask for, without estimating what it is worth: what the
/// questionnaire needs to choose its next question (and all a phone loads before the
/// results, so the calculators stay out of its first load).
pub fn evaluate_statuses<'c>(
    catalog: &'c Catalog,
    answers: &'c Answers,
    as_of: NaiveDate,
) -> Evaluation<'c> {
    evaluate_with::<false>(catalog, answers, as_of)
}

/// `ESTIMATES` is a constant so that code which never estimates (the questionnaire) does not
/// carry the calculators and formulas at all.
fn evaluate_with<'c, const ESTIMATES: bool>(
    catalog: &'c Catalog,
    answers: &'c Answers,
    as_of: NaiveDate,
) -> Evaluation<'c> {
    let size = SizeRange::of(&catalog.size_standard, answers);
    let results = catalog
        .measures
        .iter()
        .map(|m| evaluate_measure::<ESTIMATES>(catalog, answers, as_of, size, m))
        .collect();
    Evaluation {
        catalog,
        as_of,
        answers,
        size,
        results,
    }
}

/// The status of one measure for one business (for what-if questions).
pub fn evaluate_one(
    catalog: &Catalog,
    answers: &Answers,
    as_of: NaiveDate,
    measure: MeasureId,
) -> Option<Status> {
    let size = SizeRange::of(&catalog.size_standard, answers);
    let measure = catalog.measure(measure)?;
    Some(evaluate_measure::<false>(catalog, answers, as_of, size, measure).status)
}

/// Everything a condition is evaluated against.
pub(crate) struct Ctx<'c> {
    pub catalog: &'c Catalog,
    pub answers: &'c Answers,
    pub measure: &'c Measure,
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// The date parameters are read on: the evaluation date, the end of the tax year, or a
    /// day of the period the relief concerns.
    pub date: NaiveDate,
    pub size: SizeRange,
}

/// The measure's period judged for this business: met or not (unknown while the tax year
/// is missing), the date parameters are read on, and the reason saying so.
struct PeriodJudgement<'c> {
    met: Option<bool>,
    date: NaiveDate,
    reason: Reason<'c>,
}

fn judge_period<'c>(
    measure: &'c Measure,
    answers: &Answers,
    as_of: NaiveDate,
) -> PeriodJudgement<'c> {
    let period = &measure.period;
    let clause = period.source.as_deref().unwrap_or(measure.clause.as_str());
    let reason = |finding, met| Reason {
        finding,
        met,
        clause,
    };
    match measure.judged_by {
        JudgedBy::EvaluationDate => {
            let met = Some(period.covers(as_of));
            PeriodJudgement {
                met,
                date: as_of,
                reason: reason(
                    Finding::Period {
                        from: period.from,
                        to: period.to,
                        basis: period.basis,
                        source: period.source.as_deref(),
                        as_of,
                    },
                    met,
                ),
            }
        }
        JudgedBy::ReliefPeriod => PeriodJudgement {
            met: Some(true),
            date: period.clamp(as_of),
            reason: reason(
                Finding::ReliefPeriod {
                    from: period.from,
                    to: period.to,
                    basis: period.basis,
                    source: period.source.as_deref(),
                },
                Some(true),
            ),
        },
        JudgedBy::TaxYear => {
            let from_year = period.from.year();
            let to_year = period.to.map(|d| d.year());
            let tax_year = answers
                .number(keys::TAX_YEAR)
                .and_then(|y| i32::try_from(y).ok());
            let finding = Finding::TaxYear {
                tax_year,
                from_year,
                to_year,
                basis: period.basis,
                source: period.source.as_deref(),
            };
            match tax_year {
                None => PeriodJudgement {
                    met: None,
                    date: as_of,
                    reason: reason(finding, None),
                },
                Some(y) => {
                    let met = Some(y >= from_year && to_year.is_none_or(|t| y <= t));
                    // Parameters are read as in force at the year's end (the annual settlement).
                    let date = NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(as_of);
                    PeriodJudgement {
                        met,
                        date,
                        reason: reason(finding, met),
                    }
                }
            }
        }
    }
}

fn evaluate_measure<'c, const ESTIMATES: bool>(
    catalog: &'c Catalog,
    answers: &'c Answers,
    as_of: NaiveDate,
    size: SizeRange,
    measure: &'c Measure,
) -> MeasureResult<'c> {
    let judged = judge_period(measure, answers, as_of);
    let routing = route(catalog, measure, answers);
    let how = if routing.by_landlord {
        How::Guidance
    } else {
        measure.how
    };
    let window = match (how, &measure.application_window) {
        (How::Apply, Some(period)) => Some(Window {
            period,
            open: period.covers(as_of),
        }),
        _ => None,
    };
    if judged.met == Some(false) {
        return MeasureResult {
            measure: measure.id,
            status: Status::NotInEffect,
            reasons: vec![judged.reason],
            missing: Vec::new(),
            estimate: Estimate::none(),
            routing,
            how,
            window,
        };
    }
    let ctx = Ctx {
        catalog,
        answers,
        measure,
        as_of,
        date: judged.date,
        size,
    };
    let outcome = condition::eval(&ctx, &measure.condition);
    let mut reasons = Vec::with_capacity(outcome.reasons.len() + 2);
    reasons.push(judged.reason);
    reasons.extend(outcome.reasons);
    let (status, mut missing) = match (outcome.value, judged.met) {
        (Some(false), _) => (Status::NotEligible, Vec::new()),
        (Some(true), Some(true)) => (Status::Eligible, Vec::new()),
        // The tax year alone is open: any year settles it (in or out of the period).
        (Some(true), _) => (Status::NeedsInfo, vec![keys::TAX_YEAR]),
        (None, Some(true)) => {
            let mut open = outcome.make_true;
            open.extend(outcome.make_false);
            (Status::NeedsInfo, open)
        }
        // Both open: the tax year can end it (a year outside the period), and so can any
        // answer that makes the condition false; the year also settles it together with
        // nothing else only if the condition is settled, which it is not.
        (None, _) => {
            let mut open = outcome.make_false;
            open.push(keys::TAX_YEAR);
            (Status::NeedsInfo, open)
        }
    };
    missing.sort_unstable_by_key(|k| catalog.question_order(k));
    missing.dedup();
    let estimate = match (&measure.calculator, &measure.estimate, status) {
        // The questionnaire asks for what an estimate would need, and needs no more.
        (Some(calculator), _, Status::Eligible) if !ESTIMATES => {
            calc::needs(&ctx, calculator).map_or_else(Estimate::none, Estimate::need)
        }
        (None, Some(formula), Status::Eligible) if !ESTIMATES => {
            formula::needs(&ctx, formula).map_or_else(Estimate::none, Estimate::need)
        }
        _ if !ESTIMATES => Estimate::none(),
        (Some(calculator), _, Status::Eligible) => {
            let estimate = calc::estimate(&ctx, calculator);
            reasons.extend(estimate.reasons.iter().cloned());
            estimate.estimate
        }
        (None, Some(formula), Status::Eligible) => formula::estimate(&ctx, formula),
        _ => Estimate::none(),
    };
    if routing.by_landlord {
        reasons.push(Reason {
            finding: Finding::LandlordDecides {
                says: routing::landlord_words(measure, answers),
            },
            met: Some(true),
            clause: measure.clause.as_str(),
        });
    }
    MeasureResult {
        measure: measure.id,
        status,
        reasons,
        missing,
        estimate,
        routing,
        how,
        window,
    }
}
