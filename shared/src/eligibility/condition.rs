//! Evaluating a condition tree in three-valued (Kleene) logic, with the answers that could
//! still settle it.
//!
//! An answer is "missing" only if some value of it, given alone, changes the status. Each
//! outcome therefore carries two sets: the answers that could make it true, and those that
//! could make it false. `all` is made false by any part that can be, and made true only by
//! an answer that can make every open part true; `any` the other way round.

use crate::answers::{AnswerValue, Answers, EntityType, Industry, JurisdictionId, keys};
use crate::catalog::{Condition, L10n, QuestionKind, SizeClass};
use crate::money::Fen;

use super::Ctx;
use super::finding::{Finding, Reason};
use super::size::SizeRange;

/// What evaluating a condition gives: a value, its reasons, and (while unknown) the answers
/// that could settle it one way or the other.
#[derive(Debug, Default)]
pub(crate) struct Outcome<'c> {
    pub value: Option<bool>,
    pub reasons: Vec<Reason<'c>>,
    pub make_true: Vec<&'c str>,
    pub make_false: Vec<&'c str>,
}

impl<'c> Outcome<'c> {
    fn leaf(value: Option<bool>, finding: Finding<'c>, clause: &'c str) -> Outcome<'c> {
        Outcome {
            value,
            reasons: vec![Reason {
                finding,
                met: value,
                clause,
            }],
            make_true: Vec::new(),
            make_false: Vec::new(),
        }
    }

    /// While unknown, `key` could settle it either way.
    fn settled_by(mut self, key: &'c str) -> Self {
        if self.value.is_none() {
            self.make_true.push(key);
            self.make_false.push(key);
        }
        self
    }

    /// While unknown, `key` could make it true and/or false.
    fn settled_by_if(mut self, key: &'c str, to_true: bool, to_false: bool) -> Self {
        if self.value.is_none() {
            if to_true {
                self.make_true.push(key);
            }
            if to_false {
                self.make_false.push(key);
            }
        }
        self
    }
}

/// Whether a business counts as the measure names it, given its type and size range.
fn business_value(
    entity: Option<EntityType>,
    size: &SizeRange,
    sizes: &[SizeClass],
    individual_business: bool,
) -> Option<bool> {
    match entity {
        None => None,
        Some(EntityType::IndividualBusiness) => Some(individual_business),
        Some(e) if e.is_enterprise() => size.within(sizes),
        Some(_) => Some(false),
    }
}

pub(crate) fn eval<'c>(ctx: &Ctx<'c>, condition: &'c Condition) -> Outcome<'c> {
    let a = ctx.answers;
    let clause = ctx.measure.clause.as_str();
    match condition {
        Condition::All(parts) => combine(parts.iter().map(|c| eval(ctx, c)), true),
        Condition::Any(parts) => combine(parts.iter().map(|c| eval(ctx, c)), false),
        Condition::Ref(name) => match ctx.catalog.definitions.get(name) {
            Some(definition) => eval(ctx, definition),
            // Validation refuses unknown references; never treat one as met.
            None => Outcome::default(),
        },
        Condition::AnswerIn {
            answer,
            values,
            says,
        } => answer_in(ctx, answer, values, says.as_ref()),
        Condition::Business {
            sizes,
            individual_business,
        } => business(ctx, sizes, *individual_business),
        Condition::ServiceSector => {
            let service = |i: Industry| {
                ctx.catalog
                    .size_standard
                    .row(i)
                    .map(|row| row.service_sector)
            };
            let can = |v: bool| Industry::ALL.iter().any(|&i| service(i) == Some(v));
            let industry = a.choice::<Industry>(keys::INDUSTRY);
            Outcome::leaf(
                industry.and_then(service),
                Finding::ServiceSector { industry },
                ctx.catalog.size_standard.source.as_str(),
            )
            .settled_by_if(keys::INDUSTRY, can(true), can(false))
        }
        Condition::Yes(flag) | Condition::No(flag) => {
            let expected = matches!(condition, Condition::Yes(_));
            let actual = a.flag(flag);
            Outcome::leaf(
                actual.map(|v| v == expected),
                Finding::Answer {
                    answer: flag,
                    expected,
                    actual,
                },
                clause,
            )
            .settled_by(flag)
        }
        Condition::JurisdictionFact(fact) => {
            let recorded = |j: JurisdictionId| ctx.catalog.jurisdiction_fact(j, *fact);
            let value_in = |j: JurisdictionId| match j {
                JurisdictionId::Other => Some(false),
                // Unknown until an administrator records it: needs info, but no answer is missing.
                _ => recorded(j).map(|(v, _)| v),
            };
            let jurisdiction = a.choice::<JurisdictionId>(keys::JURISDICTION);
            let record = jurisdiction.and_then(recorded);
            Outcome::leaf(
                jurisdiction.and_then(value_in),
                Finding::JurisdictionFact {
                    fact: *fact,
                    jurisdiction,
                    value: record.map(|(v, _)| v),
                    recorded_for: record
                        .map(|(_, from)| from)
                        .filter(|from| Some(*from) != jurisdiction),
                },
                clause,
            )
            .settled_by_if(
                keys::JURISDICTION,
                jurisdiction.is_none()
                    && JurisdictionId::ALL
                        .iter()
                        .any(|&j| value_in(j) == Some(true)),
                jurisdiction.is_none(),
            )
        }
        Condition::AtMost { answer, param } => {
            let limit = ctx.catalog.param_at(param.as_str(), ctx.date);
            let actual = a.number(answer);
            let value = match (actual, limit) {
                (Some(v), Some(l)) => Some(v <= l.value),
                _ => None,
            };
            let source = limit.map_or_else(
                || {
                    ctx.catalog
                        .parameter(param.as_str())
                        .map_or(clause, |p| p.source.as_str())
                },
                |l| l.source(),
            );
            let out = Outcome::leaf(
                value,
                Finding::AtMost {
                    answer,
                    limit: limit.map(|l| l.value),
                    actual,
                },
                source,
            );
            // Without a limit for the date, no answer settles it.
            if limit.is_some() && actual.is_none() {
                out.settled_by(answer)
            } else {
                out
            }
        }
        Condition::InEffectFrom(from) => Outcome::leaf(
            Some(ctx.as_of >= *from),
            Finding::InEffectFrom {
                from: *from,
                as_of: ctx.as_of,
            },
            clause,
        ),
        Condition::Informative { note, condition } => {
            let inner = eval(ctx, condition);
            Outcome {
                value: Some(true),
                reasons: inner
                    .reasons
                    .into_iter()
                    .map(|r| Reason {
                        finding: Finding::Informative {
                            note,
                            inner: Box::new(r.finding),
                        },
                        ..r
                    })
                    .collect(),
                make_true: Vec::new(),
                make_false: Vec::new(),
            }
        }
    }
}

/// An answer to a list question against the values a condition allows, and whether some
/// answer could still make it true or false: any value of the question (a unit or outside,
/// for the jurisdiction), and for several of a list also none.
fn answer_in<'c>(
    ctx: &Ctx<'c>,
    key: &'c str,
    allowed: &'c [String],
    says: Option<&'c L10n>,
) -> Outcome<'c> {
    let catalog = ctx.catalog;
    let kind = catalog.question(key).map(|q| &q.answer);
    let unit = <JurisdictionId as crate::wire::WireName>::from_wire;
    let holds = |v: &str| match kind {
        Some(QuestionKind::Jurisdiction { .. }) => allowed.iter().any(|outer| {
            outer == v
                || unit(v)
                    .zip(unit(outer))
                    .is_some_and(|(inner, outer)| catalog.lies_within(inner, outer))
        }),
        _ => allowed.iter().any(|a| a == v),
    };
    let actual = ctx.answers.value(key);
    // Whether some answer could still make it true, or false: asked only while it is not
    // given (the evaluator's hot path reads given answers, and needs neither).
    let (value, can_true, can_false) = match actual {
        Some(AnswerValue::Value(v)) => (Some(holds(v)), false, false),
        Some(AnswerValue::Values(list)) => (Some(list.iter().any(|v| holds(v))), false, false),
        Some(_) => (Some(false), false, false),
        None => {
            let possible: Box<dyn Iterator<Item = &str>> = match kind {
                Some(QuestionKind::Jurisdiction { .. }) => Box::new(
                    catalog
                        .jurisdictions
                        .iter()
                        .map(|j| j.id.as_str())
                        .chain([JurisdictionId::Other.as_str()]),
                ),
                Some(k) => Box::new(k.choices().iter().map(|c| c.value.as_str())),
                None => Box::new(std::iter::empty()),
            };
            let several = matches!(kind, Some(QuestionKind::SeveralOf { .. }));
            let (mut can_true, mut can_false) = (false, several);
            for v in possible {
                if holds(v) {
                    can_true = true;
                } else {
                    can_false = true;
                }
            }
            let value = match (can_true, can_false) {
                (_, false) => Some(true),
                (false, _) => Some(false),
                _ => None,
            };
            (value, can_true, can_false)
        }
    };
    Outcome::leaf(
        value,
        Finding::AnswerIn {
            answer: key,
            allowed,
            actual,
            says,
        },
        ctx.measure.clause.as_str(),
    )
    .settled_by_if(key, can_true, can_false)
}

/// The `business` condition, and which single answers could settle it: the size class is
/// monotone in each figure, so trying nothing and a huge figure covers every value.
fn business<'c>(ctx: &Ctx<'c>, sizes: &'c [SizeClass], individual_business: bool) -> Outcome<'c> {
    let a = ctx.answers;
    let entity = a.choice::<EntityType>(keys::ENTITY_TYPE);
    let value = business_value(entity, &ctx.size, sizes, individual_business);
    let mut out = Outcome::leaf(
        value,
        Finding::Business {
            sizes,
            individual_business,
            entity_type: entity,
            size_class: ctx.size.exact(),
        },
        ctx.catalog.size_standard.source.as_str(),
    );
    if value.is_some() {
        return out;
    }
    let standard = &ctx.catalog.size_standard;
    let mut record = |key: &'c str, v: Option<bool>| match v {
        Some(true) if !out.make_true.contains(&key) => out.make_true.push(key),
        Some(false) if !out.make_false.contains(&key) => out.make_false.push(key),
        _ => {}
    };
    if entity.is_none() {
        for &e in EntityType::ALL {
            record(
                keys::ENTITY_TYPE,
                business_value(Some(e), &ctx.size, sizes, individual_business),
            );
        }
        return out;
    }
    let with = |key: &str, value: AnswerValue| {
        let mut changed: Answers = a.clone();
        changed.set(key, value);
        let size = SizeRange::of(standard, &changed);
        business_value(entity, &size, sizes, individual_business)
    };
    if !a.has(keys::INDUSTRY) {
        for &i in Industry::ALL {
            record(keys::INDUSTRY, with(keys::INDUSTRY, i.as_str().into()));
        }
    }
    let extremes: [Fen; 2] = [0, crate::answers::MAX_AMOUNT_FEN];
    if !a.has(keys::EMPLOYEES) {
        for e in [0, crate::answers::MAX_EMPLOYEES] {
            record(keys::EMPLOYEES, with(keys::EMPLOYEES, i64::from(e).into()));
        }
    }
    for key in [keys::ANNUAL_REVENUE_FEN, keys::TOTAL_ASSETS_FEN] {
        if !a.has(key) {
            for v in extremes {
                record(key, with(key, v.into()));
            }
        }
    }
    out
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
    // While open: an answer that settles one open part decisively settles the whole; one
    // that settles it the other way must do so for every open part.
    let mut decisive_keys: Vec<&'c str> = Vec::new();
    let mut common: Option<Vec<&'c str>> = None;
    for part in parts {
        if !all && value == Some(true) && part.value != Some(true) {
            continue;
        }
        if value.is_none() && part.value.is_none() {
            let (to_decisive, to_other) = if all {
                (part.make_false, part.make_true)
            } else {
                (part.make_true, part.make_false)
            };
            decisive_keys.extend(to_decisive);
            common = Some(match common {
                None => to_other,
                Some(c) => c.into_iter().filter(|k| to_other.contains(k)).collect(),
            });
        }
        out.reasons.extend(part.reasons);
    }
    if value.is_none() {
        let other = common.unwrap_or_default();
        if all {
            out.make_false = decisive_keys;
            out.make_true = other;
        } else {
            out.make_true = decisive_keys;
            out.make_false = other;
        }
    }
    out
}
