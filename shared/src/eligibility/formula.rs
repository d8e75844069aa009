//! Estimating by a measure's formula ([`crate::catalog::Formula`]): each line's values and
//! amount from the answers and the parameters on the day, in integer fen.

use chrono::NaiveDate;

use super::Ctx;
use super::calc::{Estimate, Shown, Step, StepLine};
use crate::answers::{AnswerKey, AnswerValue, Answers};
use crate::catalog::{Catalog, Expr, Formula, QuestionKind, Unit};
use crate::money::Bp;

/// Why an expression has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap<'c> {
    /// An answer it reads is missing.
    Need(&'c str),
    /// A parameter it reads has no value on the day: the sources are silent.
    Silent,
    /// A one-of answer whose value has no case: the measure gives nothing for it.
    NoCase,
    /// Beyond what an amount of money can be (or of a kind the catalog's check refuses).
    Unusable,
}

/// A value with its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Fen(i64),
    Bp(i64),
    Number(i64),
    /// A value of a one-of answer.
    Choice(AnswerKey, String),
}

impl Value {
    fn shown(self) -> Shown {
        match self {
            Value::Fen(v) => Shown::Fen(v),
            Value::Bp(v) => Shown::Rate(v),
            Value::Number(v) => Shown::Number(v),
            Value::Choice(answer, value) => Shown::Choice { answer, value },
        }
    }
}

/// The value of an expression for these answers, with the parameters of `date`.
pub fn value_of<'c>(
    catalog: &Catalog,
    answers: &Answers,
    date: NaiveDate,
    expr: &'c Expr,
) -> Result<Value, Gap<'c>> {
    let value = |e: &'c Expr| value_of(catalog, answers, date, e);
    match expr {
        Expr::Answer(key) => match answers.value(key) {
            None => Err(Gap::Need(key)),
            Some(AnswerValue::Value(v)) => Ok(Value::Choice(key.as_str().into(), v.clone())),
            Some(AnswerValue::Number(n)) => match catalog.question(key).map(|q| &q.answer) {
                Some(QuestionKind::Money { .. }) => Ok(Value::Fen(*n)),
                _ => Ok(Value::Number(*n)),
            },
            Some(_) => Err(Gap::Unusable),
        },
        Expr::Param(id) => {
            let p = catalog.param_at(id.as_str(), date).ok_or(Gap::Silent)?;
            Ok(match p.param.unit {
                Unit::Fen => Value::Fen(p.value),
                Unit::Bp => Value::Bp(p.value),
                Unit::Months | Unit::People => Value::Number(p.value),
            })
        }
        Expr::Fen(v) => Ok(Value::Fen(*v)),
        Expr::Number(v) => Ok(Value::Number(*v)),
        Expr::Bp(v) => Ok(Value::Bp(*v)),
        Expr::Percent { of, rate } => match (value(of)?, value(rate)?) {
            (Value::Fen(amount), Value::Bp(rate)) => {
                let rate = u32::try_from(rate).map_err(|_| Gap::Unusable)?;
                Ok(Value::Fen(Bp(rate).of(amount)))
            }
            _ => Err(Gap::Unusable),
        },
        Expr::Times { of, times } => match (value(of)?, value(times)?) {
            (Value::Fen(amount), Value::Number(n)) => {
                amount.checked_mul(n).map(Value::Fen).ok_or(Gap::Unusable)
            }
            _ => Err(Gap::Unusable),
        },
        Expr::Sum(parts) | Expr::Min(parts) | Expr::Max(parts) => {
            let values = parts.iter().map(value).collect::<Result<Vec<_>, _>>()?;
            let first = values.first().ok_or(Gap::Unusable)?;
            let kind = std::mem::discriminant(first);
            let numbers = values
                .iter()
                .map(|v| match v {
                    Value::Fen(n) | Value::Bp(n) | Value::Number(n)
                        if std::mem::discriminant(v) == kind =>
                    {
                        Ok(*n)
                    }
                    _ => Err(Gap::Unusable),
                })
                .collect::<Result<Vec<i64>, _>>()?;
            let total = match expr {
                Expr::Sum(_) => numbers
                    .iter()
                    .try_fold(0i64, |a, n| a.checked_add(*n))
                    .ok_or(Gap::Unusable)?,
                Expr::Min(_) => numbers.iter().copied().min().ok_or(Gap::Unusable)?,
                _ => numbers.iter().copied().max().ok_or(Gap::Unusable)?,
            };
            Ok(match first {
                Value::Fen(_) => Value::Fen(total),
                Value::Bp(_) => Value::Bp(total),
                _ => Value::Number(total),
            })
        }
        Expr::ByAnswer { answer, cases } => match answers.value(answer) {
            None => Err(Gap::Need(answer)),
            Some(AnswerValue::Value(v)) => value(cases.get(v).ok_or(Gap::NoCase)?),
            Some(_) => Err(Gap::Unusable),
        },
    }
}

/// The answer a formula's estimate would ask for, without building its lines: the first gap
/// of its lines as [`estimate`] meets them, if it is a missing answer.
pub(crate) fn needs<'c>(ctx: &Ctx<'_>, formula: &'c Formula) -> Option<&'c str> {
    for line in &formula.lines {
        let value = |e: &'c Expr| value_of(ctx.catalog, ctx.answers, ctx.date, e).err();
        let gap = line
            .amount
            .as_ref()
            .and_then(value)
            .or_else(|| line.values.values().find_map(value));
        match gap {
            Some(Gap::Need(key)) => return Some(key),
            Some(Gap::NoCase | Gap::Unusable) => return None,
            Some(Gap::Silent) | None => {}
        }
    }
    None
}

/// The estimate by a measure's formula: its lines as the owner reads them, and what the last
/// line with an amount comes to. A missing answer asks for it; a case the formula gives nothing
/// for, or an amount beyond reckoning, gives no estimate.
pub(crate) fn estimate<'f>(ctx: &Ctx<'_>, formula: &'f Formula) -> Estimate {
    let mut out = Estimate::none();
    for (i, line) in formula.lines.iter().enumerate() {
        let value = |e: &'f Expr| value_of(ctx.catalog, ctx.answers, ctx.date, e);
        let amount = line.amount.as_ref().map(value).transpose();
        let mut values = Vec::with_capacity(line.values.len());
        let mut gap = amount.as_ref().err().copied();
        for (name, expr) in &line.values {
            match value(expr) {
                Ok(v) => values.push((name.clone(), v.shown())),
                Err(g) => gap = gap.or(Some(g)),
            }
        }
        let silent = match gap {
            Some(Gap::Need(key)) => return Estimate::need(key),
            Some(Gap::NoCase | Gap::Unusable) => return Estimate::none(),
            Some(Gap::Silent) if line.silent.is_none() => continue,
            Some(Gap::Silent) => true,
            None => false,
        };
        let fen = match amount {
            Ok(Some(Value::Fen(v))) => Some(v),
            _ => None,
        };
        if line.amount.is_some() {
            out.amount = fen;
        }
        out.steps.push(StepLine {
            step: Step::Line {
                measure: ctx.measure.id,
                line: i,
                silent,
                values,
            },
            amount: fen,
            source: None,
        });
    }
    out
}
