//! Three-valued evaluation of every measure for one business on one date.
//!
//! [`evaluate`] gives typed results (fast, no text); [`crate::api::EligibilityResponse::render`]
//! turns them into the wire format in one language.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::answers::{
    AnswerKey, Answers, EntityType, FlagAnswer, Industry, JurisdictionId, Level, LevelAnswer,
    NumberAnswer, Premises, Utility, VatTaxpayer,
};
use crate::calc::{self, Estimate};
use crate::catalog::{
    Catalog, Condition, JudgedBy, JurisdictionFact, Measure, MeasureId, ParamId, PeriodBasis,
    SizeClass,
};
use crate::size::SizeRange;
use crate::wire::wire_enum;

wire_enum!(
    /// Where a measure stands for a business.
    Status {
        Eligible => "eligible",
        NotEligible => "not_eligible",
        NeedsInfo => "needs_info",
        NotInEffect => "not_in_effect",
    }
);

/// One thing a result rests on, typed; its `code` is stable and its fields are the reason's
/// parameters on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Finding<'c> {
    /// The measure's period against the evaluation date.
    Period {
        from: NaiveDate,
        to: Option<NaiveDate>,
        basis: PeriodBasis,
        as_of: NaiveDate,
    },
    /// The measure's period against the tax year asked about.
    TaxYear {
        tax_year: Option<i32>,
        from_year: i32,
        to_year: Option<i32>,
    },
    EntityType {
        allowed: &'c [EntityType],
        actual: Option<EntityType>,
    },
    Business {
        sizes: &'c [SizeClass],
        individual_business: bool,
        entity_type: Option<EntityType>,
        size_class: Option<SizeClass>,
    },
    ServiceSector {
        industry: Option<Industry>,
    },
    Premises {
        allowed: &'c [Premises],
        actual: Option<Premises>,
    },
    Answer {
        answer: FlagAnswer,
        expected: bool,
        actual: Option<bool>,
    },
    UtilitiesInArrears {
        actual: Option<&'c [Utility]>,
    },
    Jurisdiction {
        allowed: &'c [JurisdictionId],
        actual: Option<JurisdictionId>,
    },
    InPrefecture {
        actual: Option<JurisdictionId>,
    },
    JurisdictionFact {
        fact: JurisdictionFact,
        jurisdiction: Option<JurisdictionId>,
        value: Option<bool>,
    },
    VatTaxpayer {
        allowed: &'c [VatTaxpayer],
        actual: Option<VatTaxpayer>,
    },
    AtMost {
        answer: NumberAnswer,
        limit: Option<i64>,
        actual: Option<i64>,
    },
    Level {
        answer: LevelAnswer,
        allowed: &'c [Level],
        actual: Option<Level>,
    },
    InEffectFrom {
        from: NaiveDate,
        as_of: NaiveDate,
    },
    /// Whether the county was listed as a medium/high-risk area in 2022 (decides 7 or 3 months).
    RiskAreaListed {
        jurisdiction: JurisdictionId,
        listed: Option<bool>,
    },
}

impl Finding<'_> {
    pub fn code(&self) -> &'static str {
        match self {
            Finding::Period { .. } => "period",
            Finding::TaxYear { .. } => "tax_year",
            Finding::EntityType { .. } => "entity_type",
            Finding::Business { .. } => "business",
            Finding::ServiceSector { .. } => "service_sector",
            Finding::Premises { .. } => "premises",
            Finding::Answer { .. } => "answer",
            Finding::UtilitiesInArrears { .. } => "utilities_in_arrears",
            Finding::Jurisdiction { .. } => "jurisdiction",
            Finding::InPrefecture { .. } => "in_prefecture",
            Finding::JurisdictionFact { .. } => "jurisdiction_fact",
            Finding::VatTaxpayer { .. } => "vat_taxpayer",
            Finding::AtMost { .. } => "at_most",
            Finding::Level { .. } => "level",
            Finding::InEffectFrom { .. } => "in_effect_from",
            Finding::RiskAreaListed { .. } => "risk_area_listed",
        }
    }
}

/// A finding with its outcome and the clause or rule it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason<'c> {
    pub finding: Finding<'c>,
    /// Met, not met, or unknown.
    pub met: Option<bool>,
    pub clause: &'c str,
}

/// The evaluation of one measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureResult<'c> {
    pub measure: MeasureId,
    pub status: Status,
    pub reasons: Vec<Reason<'c>>,
    /// Answers still missing that could change the status, in questionnaire order.
    pub missing: Vec<AnswerKey>,
    pub estimate: Estimate,
}

/// Every measure evaluated for one business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation<'c> {
    pub as_of: NaiveDate,
    pub size: SizeRange,
    pub results: Vec<MeasureResult<'c>>,
}

/// Evaluates every measure of the catalog, in catalog order.
pub fn evaluate<'c>(
    catalog: &'c Catalog,
    answers: &'c Answers,
    as_of: NaiveDate,
) -> Evaluation<'c> {
    let size = SizeRange::of(&catalog.size_standard, answers);
    let results = catalog
        .measures
        .iter()
        .map(|m| evaluate_measure(catalog, answers, as_of, size, m))
        .collect();
    Evaluation {
        as_of,
        size,
        results,
    }
}

/// What evaluating a condition gives: a value, its reasons, and the answers that could
/// settle it while it is unknown.
#[derive(Debug, Default)]
struct Outcome<'c> {
    value: Option<bool>,
    reasons: Vec<Reason<'c>>,
    missing: Vec<AnswerKey>,
}

/// Everything a condition is evaluated against.
pub(crate) struct Ctx<'c> {
    pub catalog: &'c Catalog,
    pub answers: &'c Answers,
    pub measure: &'c Measure,
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// The date parameters are read on: the evaluation date, or the end of the tax year.
    pub date: NaiveDate,
    pub size: SizeRange,
}

fn evaluate_measure<'c>(
    catalog: &'c Catalog,
    answers: &'c Answers,
    as_of: NaiveDate,
    size: SizeRange,
    measure: &'c Measure,
) -> MeasureResult<'c> {
    let clause = measure.clause.as_str();
    let period = &measure.period;
    // The period: met, not met, or (by tax year, when the year is not given) unknown.
    let (period_met, date, period_reason, period_missing) = match measure.judged_by {
        JudgedBy::EvaluationDate => (
            Some(period.covers(as_of)),
            as_of,
            Finding::Period {
                from: period.from,
                to: period.to,
                basis: period.basis,
                as_of,
            },
            None,
        ),
        JudgedBy::TaxYear => {
            let from_year = period.from.year();
            let to_year = period.to.map(|d| d.year());
            let finding = Finding::TaxYear {
                tax_year: answers.tax_year,
                from_year,
                to_year,
            };
            match answers.tax_year {
                None => (None, as_of, finding, Some(AnswerKey::TaxYear)),
                Some(y) => {
                    let covered = y >= from_year && to_year.is_none_or(|t| y <= t);
                    // Parameters are read as in force at the year's end (the annual settlement).
                    let date = NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(as_of);
                    (Some(covered), date, finding, None)
                }
            }
        }
    };
    let period_reason = Reason {
        finding: period_reason,
        met: period_met,
        clause,
    };
    if period_met == Some(false) {
        return MeasureResult {
            measure: measure.id,
            status: Status::NotInEffect,
            reasons: vec![period_reason],
            missing: Vec::new(),
            estimate: Estimate::none(),
        };
    }
    let ctx = Ctx {
        catalog,
        answers,
        measure,
        as_of,
        date,
        size,
    };
    let outcome = eval_condition(&ctx, &measure.condition);
    let mut reasons = Vec::with_capacity(outcome.reasons.len() + 2);
    reasons.push(period_reason);
    reasons.extend(outcome.reasons);
    let (status, mut missing) = match (outcome.value, period_met) {
        (Some(false), _) => (Status::NotEligible, Vec::new()),
        (Some(true), Some(true)) => (Status::Eligible, Vec::new()),
        _ => {
            let mut missing = outcome.missing;
            missing.extend(period_missing);
            (Status::NeedsInfo, missing)
        }
    };
    missing.sort_unstable();
    missing.dedup();
    let estimate = match (&measure.calculator, status) {
        (Some(calculator), Status::Eligible) => {
            let estimate = calc::estimate(&ctx, calculator);
            reasons.extend(estimate.reasons.iter().cloned());
            estimate.estimate
        }
        _ => Estimate::none(),
    };
    MeasureResult {
        measure: measure.id,
        status,
        reasons,
        missing,
        estimate,
    }
}

fn leaf<'c>(
    value: Option<bool>,
    finding: Finding<'c>,
    clause: &'c str,
    missing: &[AnswerKey],
) -> Outcome<'c> {
    Outcome {
        value,
        reasons: vec![Reason {
            finding,
            met: value,
            clause,
        }],
        missing: if value.is_none() {
            missing.to_vec()
        } else {
            Vec::new()
        },
    }
}

/// `Some(list.contains(x))`, or unknown when the answer is missing.
fn member<T: PartialEq>(list: &[T], actual: Option<T>) -> Option<bool> {
    actual.map(|a| list.contains(&a))
}

fn eval_condition<'c>(ctx: &Ctx<'c>, condition: &'c Condition) -> Outcome<'c> {
    let a = ctx.answers;
    let clause = ctx.measure.clause.as_str();
    match condition {
        Condition::All(parts) => combine(parts.iter().map(|c| eval_condition(ctx, c)), true),
        Condition::Any(parts) => combine(parts.iter().map(|c| eval_condition(ctx, c)), false),
        Condition::Ref(name) => match ctx.catalog.definitions.get(name) {
            Some(definition) => eval_condition(ctx, definition),
            // Validation refuses unknown references; never treat one as met.
            None => Outcome::default(),
        },
        Condition::EntityIn(allowed) => leaf(
            member(allowed, a.entity_type),
            Finding::EntityType {
                allowed,
                actual: a.entity_type,
            },
            clause,
            &[AnswerKey::EntityType],
        ),
        Condition::Business {
            sizes,
            individual_business,
        } => {
            let (value, missing) = match a.entity_type {
                None => (None, vec![AnswerKey::EntityType]),
                Some(EntityType::IndividualBusiness) if *individual_business => {
                    (Some(true), vec![])
                }
                Some(EntityType::Enterprise) => {
                    let value = ctx.size.within(sizes);
                    (value, ctx.size.missing())
                }
                Some(_) => (Some(false), vec![]),
            };
            let mut out = leaf(
                value,
                Finding::Business {
                    sizes,
                    individual_business: *individual_business,
                    entity_type: a.entity_type,
                    size_class: ctx.size.exact(),
                },
                ctx.catalog.size_standard.source.as_str(),
                &[],
            );
            if value.is_none() {
                out.missing = missing;
            }
            out
        }
        Condition::ServiceSector => {
            let value = a.industry.and_then(|i| {
                ctx.catalog
                    .size_standard
                    .row(i)
                    .map(|row| row.service_sector)
            });
            leaf(
                value,
                Finding::ServiceSector {
                    industry: a.industry,
                },
                ctx.catalog.size_standard.source.as_str(),
                &[AnswerKey::Industry],
            )
        }
        Condition::PremisesIn(allowed) => leaf(
            member(allowed, a.premises),
            Finding::Premises {
                allowed,
                actual: a.premises,
            },
            clause,
            &[AnswerKey::Premises],
        ),
        Condition::Yes(flag) | Condition::No(flag) => {
            let expected = matches!(condition, Condition::Yes(_));
            let actual = a.flag(*flag);
            leaf(
                actual.map(|v| v == expected),
                Finding::Answer {
                    answer: *flag,
                    expected,
                    actual,
                },
                clause,
                &[flag.key()],
            )
        }
        Condition::AnyUtilityInArrears => {
            let actual = a.utilities_in_arrears.as_deref();
            leaf(
                actual.map(|list| !list.is_empty()),
                Finding::UtilitiesInArrears { actual },
                clause,
                &[AnswerKey::UtilitiesInArrears],
            )
        }
        Condition::JurisdictionIn(allowed) => leaf(
            a.jurisdiction.map(|j| {
                allowed
                    .iter()
                    .any(|&outer| ctx.catalog.lies_within(j, outer))
            }),
            Finding::Jurisdiction {
                allowed,
                actual: a.jurisdiction,
            },
            clause,
            &[AnswerKey::Jurisdiction],
        ),
        Condition::InPrefecture => leaf(
            a.jurisdiction.map(|j| j != JurisdictionId::Other),
            Finding::InPrefecture {
                actual: a.jurisdiction,
            },
            clause,
            &[AnswerKey::Jurisdiction],
        ),
        Condition::JurisdictionFact(fact) => {
            let recorded = a
                .jurisdiction
                .and_then(|j| ctx.catalog.jurisdiction(j))
                .and_then(|j| j.fact(*fact));
            let value = match a.jurisdiction {
                None => None,
                Some(JurisdictionId::Other) => Some(false),
                // Unknown until an administrator records it: needs info, but no answer is missing.
                Some(_) => recorded,
            };
            leaf(
                value,
                Finding::JurisdictionFact {
                    fact: *fact,
                    jurisdiction: a.jurisdiction,
                    value: recorded,
                },
                clause,
                if a.jurisdiction.is_none() {
                    &[AnswerKey::Jurisdiction]
                } else {
                    &[]
                },
            )
        }
        Condition::VatTaxpayerIn(allowed) => leaf(
            member(allowed, a.vat_taxpayer),
            Finding::VatTaxpayer {
                allowed,
                actual: a.vat_taxpayer,
            },
            clause,
            &[AnswerKey::VatTaxpayer],
        ),
        Condition::AtMost { answer, param } => {
            let limit = ctx.catalog.param_at(*param, ctx.date);
            let actual = a.number(*answer);
            let value = match (actual, limit) {
                (Some(v), Some(l)) => Some(v <= l.value),
                _ => None,
            };
            let source = ctx
                .catalog
                .parameter(*param)
                .map_or(clause, |p| p.source.as_str());
            let missing = [answer.key()];
            leaf(
                value,
                Finding::AtMost {
                    answer: *answer,
                    limit: limit.map(|l| l.value),
                    actual,
                },
                source,
                if actual.is_none() { &missing } else { &[] },
            )
        }
        Condition::LevelIn { answer, levels } => {
            let actual = a.level(*answer);
            leaf(
                member(levels, actual),
                Finding::Level {
                    answer: *answer,
                    allowed: levels,
                    actual,
                },
                clause,
                &[answer.key()],
            )
        }
        Condition::InEffectFrom(from) => leaf(
            Some(ctx.as_of >= *from),
            Finding::InEffectFrom {
                from: *from,
                as_of: ctx.as_of,
            },
            clause,
            &[],
        ),
    }
}

/// Kleene conjunction (`all`) or disjunction (`any`) of the parts. An `any` that holds keeps
/// only the reasons of the parts that hold: the others do not matter to the owner.
fn combine<'c>(parts: impl Iterator<Item = Outcome<'c>>, all: bool) -> Outcome<'c> {
    let parts: Vec<Outcome<'c>> = parts.collect();
    // The value that settles the combination: false for `all`, true for `any`.
    let decisive = !all;
    let value = if parts.iter().any(|p| p.value == Some(decisive)) {
        Some(decisive)
    } else if parts.iter().any(|p| p.value.is_none()) {
        None
    } else {
        Some(!decisive)
    };
    let mut out = Outcome {
        value,
        ..Outcome::default()
    };
    for part in parts {
        if !all && value == Some(true) && part.value != Some(true) {
            continue;
        }
        if value.is_none() {
            out.missing.extend(part.missing);
        }
        out.reasons.extend(part.reasons);
    }
    out
}

/// Param lookup used by calculators.
pub(crate) fn param(ctx: &Ctx<'_>, id: ParamId, date: NaiveDate) -> Option<i64> {
    ctx.catalog.param_at(id, date).map(|p| p.value)
}
