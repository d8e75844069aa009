//! Calculators: about how much a measure is worth, in integer fen, with every step shown.
//! Each step rounds to the fen, half up; every number comes from a dated parameter.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::answers::{AnswerKey, JurisdictionId, Premises, keys};
use crate::catalog::param_ids;
use crate::catalog::{Calculator, JurisdictionFact, MeasureId};
use crate::money::{Bp, Fen};

use super::Ctx;
use super::finding::{Finding, Reason};

/// A parameter's value on a date.
fn param(ctx: &Ctx<'_>, id: &str, date: NaiveDate) -> Option<i64> {
    ctx.catalog.param_at(id, date).map(|p| p.value)
}

fn bp(value: i64) -> Bp {
    Bp(u32::try_from(value).unwrap_or(0))
}

/// One line of a calculation. `amount` is what the line comes to, when it is a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// An estimate needs this answer.
    NeedAnswer { answer: AnswerKey },
    /// The part of taxable income in one band, counted at the band's inclusion rate.
    CitCounted {
        band: u8,
        part: Fen,
        lower: Fen,
        upper: Fen,
        inclusion: Bp,
    },
    /// The counted income taxed at the reduced rate.
    CitTaxed { band: u8, rate: Bp },
    /// What the band's part would owe at the standard rate.
    CitStandard { band: u8, rate: Bp },
    /// Neither the plan nor a national rule recorded here sets this band for the tax year.
    CitBandSilent {
        band: u8,
        lower: Fen,
        upper: Fen,
        tax_year: i32,
    },
    /// The sum saved.
    Saving,
    /// The bands that could be estimated add up to this, but a band is not set: no total.
    PartialSaving,
    /// Quarterly sales at or below the earlier threshold: already exempt, nothing added.
    VatBelowThreshold { sales: Fen, threshold: Fen },
    /// VAT at the levy rate on a quarter's sales at that rate.
    VatPerQuarter { sales: Fen, rate: Bp },
    /// A year of these quarterly sales is above the small-scale limit: not estimated.
    VatAboveSmallScaleLimit { annual_sales: Fen, limit: Fen },
    /// Times the quarters of the measure's period.
    VatQuarters { quarters: i64 },
    /// Monthly rent times the months waived, on the given basis.
    RentMonths {
        rent: Fen,
        months: i64,
        basis: RentBasis,
    },
    /// A line of the measure's formula in the catalog: the sentence of line `line` (its
    /// `silent` words when a parameter had no value), with the values it shows.
    Line {
        measure: MeasureId,
        line: usize,
        silent: bool,
        values: Vec<(String, Shown)>,
    },
}

/// A value a formula's line shows, in its unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shown {
    Fen(Fen),
    /// Basis points, shown as a percentage.
    Rate(i64),
    Number(i64),
    /// A value of a one-of answer, shown by its label.
    Choice {
        answer: AnswerKey,
        value: String,
    },
}

/// Why a number of rent months applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RentBasis {
    /// The county was listed as a medium/high-risk area: six months plus one.
    RiskArea,
    /// Not listed: the national base rule.
    NationalBase,
    /// Not yet known whether listed: the national base rule for now.
    NationalBaseUntilListed,
    /// If the county turns out to have been listed.
    IfListed,
    /// A central or autonomous-region SOE or 兵团 landlord, county listed: the national rule's months.
    NationalRiskArea,
    /// Highway service area, 2022 rent already paid: refunded.
    HighwayRefund,
    /// Highway service area, 2022 rent not paid: January–July need not be paid.
    HighwayNotDue,
    /// Highway service area, not said whether paid: refunded or not due.
    HighwayEither,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepLine {
    pub step: Step,
    pub amount: Option<Fen>,
    /// The national rule the step's numbers come from, when not the plan.
    pub source: Option<String>,
}

/// About how much a measure is worth: `amount` is `None` when it cannot be estimated yet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Estimate {
    pub amount: Option<Fen>,
    pub steps: Vec<StepLine>,
}

impl Estimate {
    pub fn none() -> Estimate {
        Estimate::default()
    }

    pub(crate) fn need(answer: impl Into<AnswerKey>) -> Estimate {
        Estimate {
            amount: None,
            steps: vec![line(
                Step::NeedAnswer {
                    answer: answer.into(),
                },
                None,
            )],
        }
    }
}

/// An estimate with any reasons it adds to the result.
pub(crate) struct CalcOutput<'c> {
    pub estimate: Estimate,
    pub reasons: Vec<Reason<'c>>,
}

fn line(step: Step, amount: Option<Fen>) -> StepLine {
    StepLine {
        step,
        amount,
        source: None,
    }
}

impl<'c> From<Estimate> for CalcOutput<'c> {
    fn from(estimate: Estimate) -> Self {
        CalcOutput {
            estimate,
            reasons: Vec::new(),
        }
    }
}

pub(crate) fn estimate<'c>(ctx: &Ctx<'c>, calculator: &'c Calculator) -> CalcOutput<'c> {
    match calculator {
        Calculator::CitSmallLowProfit => cit(ctx),
        Calculator::VatSmallScaleExemption => vat(ctx),
        Calculator::RentStatePremises => rent_state(ctx),
        Calculator::RentHighwayServiceArea => rent_highway(ctx).into(),
    }
}

/// The answer a calculator's estimate would ask for, without estimating: what the
/// questionnaire needs to choose its next question. Each case is the calculator's own
/// `Estimate::need` below, in the same order (the sample in `tests/sameness.rs` compares them).
pub(crate) fn needs(ctx: &Ctx<'_>, calculator: &Calculator) -> Option<&'static str> {
    let a = ctx.answers;
    match calculator {
        Calculator::CitSmallLowProfit => {
            (!a.has(keys::TAXABLE_INCOME_FEN)).then_some(keys::TAXABLE_INCOME_FEN)
        }
        Calculator::VatSmallScaleExemption => {
            let Some(at_3pct) = a.number(keys::QUARTERLY_SALES_AT_3PCT_FEN) else {
                return Some(keys::QUARTERLY_SALES_AT_3PCT_FEN);
            };
            let date = ctx.date;
            let (Some(_), Some(threshold), Some(_), Some(_)) = (
                param(ctx, param_ids::VAT_LEVY_RATE_BP, date),
                param(ctx, param_ids::VAT_QUARTERLY_EXEMPT_THRESHOLD_FEN, date),
                param(ctx, param_ids::VAT_SMALL_SCALE_ANNUAL_SALES_LIMIT_FEN, date),
                ctx.measure.period.to,
            ) else {
                return None;
            };
            (!a.has(keys::QUARTERLY_SALES_FEN) && at_3pct <= threshold)
                .then_some(keys::QUARTERLY_SALES_FEN)
        }
        Calculator::RentStatePremises => match (
            a.choice::<JurisdictionId>(keys::JURISDICTION),
            a.number(keys::MONTHLY_RENT_FEN),
        ) {
            (None, _) => Some(keys::JURISDICTION),
            (_, None) => Some(keys::MONTHLY_RENT_FEN),
            _ => None,
        },
        Calculator::RentHighwayServiceArea => {
            (!a.has(keys::MONTHLY_RENT_FEN)).then_some(keys::MONTHLY_RENT_FEN)
        }
    }
}

/// Corporate income tax saved against the standard rate, band by band, for the tax year.
/// A band's share may come from a national rule that continued the relief (cited on the
/// step and as a reason); a band nobody sets for the year leaves the total open.
fn cit<'c>(ctx: &Ctx<'c>) -> CalcOutput<'c> {
    let Some(income) = ctx.answers.number(keys::TAXABLE_INCOME_FEN) else {
        return Estimate::need(keys::TAXABLE_INCOME_FEN).into();
    };
    let date = ctx.date;
    let tax_year = date.year();
    let (Some(standard), Some(reduced)) = (
        param(ctx, param_ids::CIT_STANDARD_RATE_BP, date),
        param(ctx, param_ids::CIT_REDUCED_RATE_BP, date),
    ) else {
        return Estimate::none().into();
    };
    let (standard, reduced) = (bp(standard), bp(reduced));
    let bands = [
        (
            1u8,
            param_ids::CIT_BAND1_UPPER_FEN,
            param_ids::CIT_BAND1_INCLUSION_BP,
        ),
        (
            2u8,
            param_ids::CIT_BAND2_UPPER_FEN,
            param_ids::CIT_BAND2_INCLUSION_BP,
        ),
    ];
    let mut steps = Vec::new();
    let mut reasons: Vec<Reason<'c>> = Vec::new();
    let mut saving: Fen = 0;
    let mut complete = true;
    let mut lower: Fen = 0;
    for (band, upper_id, inclusion_id) in bands {
        let Some(upper) = param(ctx, upper_id, date) else {
            complete = false;
            break;
        };
        if income <= lower {
            break;
        }
        let part = income.min(upper) - lower;
        match ctx.catalog.param_at(inclusion_id, date) {
            Some(inclusion) => {
                let source = inclusion.national_source;
                let inclusion = bp(inclusion.value);
                let counted = inclusion.of(part);
                let tax = reduced.of(counted);
                let at_standard = standard.of(part);
                let mut counted_line = line(
                    Step::CitCounted {
                        band,
                        part,
                        lower,
                        upper,
                        inclusion,
                    },
                    Some(counted),
                );
                counted_line.source = source.map(str::to_string);
                steps.push(counted_line);
                steps.push(line(
                    Step::CitTaxed {
                        band,
                        rate: reduced,
                    },
                    Some(tax),
                ));
                steps.push(line(
                    Step::CitStandard {
                        band,
                        rate: standard,
                    },
                    Some(at_standard),
                ));
                saving += at_standard - tax;
                if let Some(source) = source
                    && !reasons.iter().any(|r| r.clause == source)
                {
                    reasons.push(Reason {
                        finding: Finding::NationalRule { tax_year },
                        met: Some(true),
                        clause: source,
                    });
                }
            }
            None => {
                complete = false;
                steps.push(line(
                    Step::CitBandSilent {
                        band,
                        lower,
                        upper,
                        tax_year,
                    },
                    None,
                ));
            }
        }
        lower = upper;
    }
    if complete {
        steps.push(line(Step::Saving, Some(saving)));
    } else {
        steps.push(line(Step::PartialSaving, Some(saving)));
    }
    CalcOutput {
        estimate: Estimate {
            amount: complete.then_some(saving),
            steps,
        },
        reasons,
    }
}

/// Whole quarters in a period (both ends inclusive, by month).
fn quarters_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let months = (i64::from(to.year()) * 12 + i64::from(to.month0()))
        - (i64::from(from.year()) * 12 + i64::from(from.month0()))
        + 1;
    (months / 3).max(0)
}

/// VAT saved by the 3% exemption in the quarters above the earlier threshold. The threshold
/// counts all of a quarter's sales; the exemption is of the sales at 3%.
fn vat<'c>(ctx: &Ctx<'c>) -> CalcOutput<'c> {
    let Some(at_3pct) = ctx.answers.number(keys::QUARTERLY_SALES_AT_3PCT_FEN) else {
        return Estimate::need(keys::QUARTERLY_SALES_AT_3PCT_FEN).into();
    };
    let date = ctx.date;
    let (Some(rate), Some(threshold), Some(limit), Some(to)) = (
        param(ctx, param_ids::VAT_LEVY_RATE_BP, date),
        param(ctx, param_ids::VAT_QUARTERLY_EXEMPT_THRESHOLD_FEN, date),
        ctx.catalog
            .param_at(param_ids::VAT_SMALL_SCALE_ANNUAL_SALES_LIMIT_FEN, date),
        ctx.measure.period.to,
    ) else {
        return Estimate::none().into();
    };
    // All sales are at least those at 3%: above the threshold already, or ask for them.
    let sales = match ctx.answers.number(keys::QUARTERLY_SALES_FEN) {
        Some(all) => all,
        None if at_3pct > threshold => at_3pct,
        None => return Estimate::need(keys::QUARTERLY_SALES_FEN).into(),
    };
    let annual_sales = sales.saturating_mul(4);
    if annual_sales > limit.value {
        return CalcOutput {
            estimate: Estimate {
                amount: None,
                steps: vec![line(
                    Step::VatAboveSmallScaleLimit {
                        annual_sales,
                        limit: limit.value,
                    },
                    None,
                )],
            },
            reasons: vec![Reason {
                finding: Finding::SmallScaleLimit {
                    annual_sales,
                    limit: limit.value,
                },
                met: Some(false),
                clause: limit.source(),
            }],
        };
    }
    if sales <= threshold {
        return Estimate {
            amount: Some(0),
            steps: vec![line(Step::VatBelowThreshold { sales, threshold }, Some(0))],
        }
        .into();
    }
    let rate = bp(rate);
    let per_quarter = rate.of(at_3pct);
    let quarters = quarters_between(ctx.measure.period.from, to);
    let total = per_quarter.saturating_mul(quarters);
    Estimate {
        amount: Some(total),
        steps: vec![
            line(
                Step::VatPerQuarter {
                    sales: at_3pct,
                    rate,
                },
                Some(per_quarter),
            ),
            line(Step::VatQuarters { quarters }, Some(total)),
        ],
    }
    .into()
}

/// Rent waived on state-owned premises: 7 months in a listed county, 3 elsewhere.
fn rent_state<'c>(ctx: &Ctx<'c>) -> CalcOutput<'c> {
    let Some(jurisdiction) = ctx.answers.choice::<JurisdictionId>(keys::JURISDICTION) else {
        return Estimate::need(keys::JURISDICTION).into();
    };
    let record = ctx
        .catalog
        .jurisdiction_fact(jurisdiction, JurisdictionFact::MediumHighRisk2022);
    let listed = record.map(|(v, _)| v);
    let recorded_for = record
        .map(|(_, from)| from)
        .filter(|from| *from != jurisdiction);
    // The plan's extra month is the prefecture's; a central or autonomous-region landlord
    // follows the national rule alone.
    let national_landlord =
        ctx.answers.choice::<Premises>(keys::PREMISES) == Some(Premises::RentOtherState);
    let (risk_id, risk_basis) = if national_landlord {
        (
            param_ids::RENT_STATE_MONTHS_NATIONAL_RISK_AREA,
            RentBasis::NationalRiskArea,
        )
    } else {
        (param_ids::RENT_STATE_MONTHS_RISK_AREA, RentBasis::RiskArea)
    };
    let risk_param = ctx.catalog.parameter(risk_id);
    let base_param = ctx.catalog.parameter(param_ids::RENT_STATE_MONTHS_BASE);
    let reason = Reason {
        finding: Finding::RiskAreaListed {
            jurisdiction,
            listed,
            recorded_for,
        },
        met: listed,
        clause: ctx.measure.clause.as_str(),
    };
    let Some(rent) = ctx.answers.number(keys::MONTHLY_RENT_FEN) else {
        return CalcOutput {
            estimate: Estimate::need(keys::MONTHLY_RENT_FEN),
            reasons: vec![reason],
        };
    };
    let risk_months = param(ctx, risk_id, ctx.date);
    let base_months = param(ctx, param_ids::RENT_STATE_MONTHS_BASE, ctx.date);
    let mut steps = Vec::new();
    let amount = match (listed, risk_months, base_months) {
        (Some(true), Some(months), _) => {
            let waived = rent.saturating_mul(months);
            steps.push(line(
                Step::RentMonths {
                    rent,
                    months,
                    basis: risk_basis,
                },
                Some(waived),
            ));
            Some(waived)
        }
        (Some(false), _, Some(months)) => {
            let waived = rent.saturating_mul(months);
            steps.push(line(
                Step::RentMonths {
                    rent,
                    months,
                    basis: RentBasis::NationalBase,
                },
                Some(waived),
            ));
            Some(waived)
        }
        (None, risk, Some(months)) => {
            let waived = rent.saturating_mul(months);
            steps.push(line(
                Step::RentMonths {
                    rent,
                    months,
                    basis: RentBasis::NationalBaseUntilListed,
                },
                Some(waived),
            ));
            if let Some(risk) = risk {
                steps.push(line(
                    Step::RentMonths {
                        rent,
                        months: risk,
                        basis: RentBasis::IfListed,
                    },
                    Some(rent.saturating_mul(risk)),
                ));
            }
            Some(waived)
        }
        _ => None,
    };
    // The national base rule is its own source: cite it on the step's reason.
    let clause = match (listed, base_param, risk_param) {
        (Some(true), _, Some(p)) => p.source.as_str(),
        (_, Some(p), _) => p.source.as_str(),
        _ => ctx.measure.clause.as_str(),
    };
    CalcOutput {
        estimate: Estimate { amount, steps },
        reasons: vec![Reason { clause, ..reason }],
    }
}

/// Rent in a highway service area: 7 months refunded, or January–July not due.
fn rent_highway(ctx: &Ctx<'_>) -> Estimate {
    let Some(rent) = ctx.answers.number(keys::MONTHLY_RENT_FEN) else {
        return Estimate::need(keys::MONTHLY_RENT_FEN);
    };
    let Some(months) = param(ctx, param_ids::RENT_HIGHWAY_MONTHS, ctx.date) else {
        return Estimate::none();
    };
    let basis = match ctx.answers.flag(keys::RENT_2022_PAID) {
        Some(true) => RentBasis::HighwayRefund,
        Some(false) => RentBasis::HighwayNotDue,
        None => RentBasis::HighwayEither,
    };
    let waived = rent.saturating_mul(months);
    Estimate {
        amount: Some(waived),
        steps: vec![line(
            Step::RentMonths {
                rent,
                months,
                basis,
            },
            Some(waived),
        )],
    }
}

/// Six taxes and two fees halved.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn april_to_december_is_three_quarters() {
        let d = |m, day| NaiveDate::from_ymd_opt(2022, m, day).unwrap();
        assert_eq!(quarters_between(d(4, 1), d(12, 31)), 3);
        assert_eq!(quarters_between(d(1, 1), d(12, 31)), 4);
        assert_eq!(quarters_between(d(12, 1), d(1, 1)), 0);
    }
}
