//! Calculators: about how much a measure is worth, in integer fen, with every step shown.
//! Each step rounds to the fen, half up; every number comes from a dated parameter.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::answers::{AnswerKey, Level};
use crate::catalog::{Calculator, JurisdictionFact, ParamId};
use crate::eval::{Ctx, Finding, Reason, param};
use crate::money::{Bp, Fen};

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
    /// The plan gives no rate for this band in this tax year: not estimated.
    CitBandSilent {
        band: u8,
        lower: Fen,
        upper: Fen,
        tax_year: i32,
    },
    /// The sum saved.
    Saving,
    /// Quarterly sales at or below the earlier threshold: already exempt, nothing added.
    VatBelowThreshold { sales: Fen, threshold: Fen },
    /// VAT at the levy rate on a quarter's sales.
    VatPerQuarter { sales: Fen, rate: Bp },
    /// Times the quarters of the measure's period.
    VatQuarters { quarters: i64 },
    /// Monthly rent times the months waived, on the given basis.
    RentMonths {
        rent: Fen,
        months: i64,
        basis: RentBasis,
    },
    /// The six taxes and two fees due, reduced by the rate.
    SixTaxes { due: Fen, rate: Bp },
    /// A reward whose amount the department has not set yet.
    AmountSetByDepartment { level: Level },
    /// A reward at the level's amount.
    Reward { level: Level },
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

    fn need(answer: AnswerKey) -> Estimate {
        Estimate {
            amount: None,
            steps: vec![line(Step::NeedAnswer { answer }, None)],
        }
    }
}

/// An estimate with any reasons it adds to the result.
pub(crate) struct CalcOutput<'c> {
    pub estimate: Estimate,
    pub reasons: Vec<Reason<'c>>,
}

fn line(step: Step, amount: Option<Fen>) -> StepLine {
    StepLine { step, amount }
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
        Calculator::CitSmallLowProfit => cit(ctx).into(),
        Calculator::VatSmallScaleExemption => vat(ctx).into(),
        Calculator::RentStatePremises => rent_state(ctx),
        Calculator::RentHighwayServiceArea => rent_highway(ctx).into(),
        Calculator::SixTaxesTwoFees => six_taxes(ctx).into(),
        Calculator::LevelReward {
            answer,
            national,
            provincial,
        } => {
            let Some(level) = ctx.answers.level(*answer) else {
                return Estimate::need(answer.key()).into();
            };
            let id = match level {
                Level::National => national,
                Level::Provincial => provincial,
                Level::None => return Estimate::none().into(),
            };
            match param(ctx, *id, ctx.as_of) {
                Some(amount) => Estimate {
                    amount: Some(amount),
                    steps: vec![line(Step::Reward { level }, Some(amount))],
                },
                None => Estimate {
                    amount: None,
                    steps: vec![line(Step::AmountSetByDepartment { level }, None)],
                },
            }
            .into()
        }
    }
}

/// Corporate income tax saved against the standard rate, band by band, for the tax year.
fn cit(ctx: &Ctx<'_>) -> Estimate {
    let Some(income) = ctx.answers.taxable_income_fen else {
        return Estimate::need(AnswerKey::TaxableIncomeFen);
    };
    let date = ctx.date;
    let tax_year = date.year();
    let (Some(standard), Some(reduced)) = (
        param(ctx, ParamId::CitStandardRateBp, date),
        param(ctx, ParamId::CitReducedRateBp, date),
    ) else {
        return Estimate::none();
    };
    let standard = Bp(u32::try_from(standard).unwrap_or(0));
    let reduced = Bp(u32::try_from(reduced).unwrap_or(0));
    let bands = [
        (1u8, ParamId::CitBand1UpperFen, ParamId::CitBand1InclusionBp),
        (2u8, ParamId::CitBand2UpperFen, ParamId::CitBand2InclusionBp),
    ];
    let mut steps = Vec::new();
    let mut saving: Fen = 0;
    let mut lower: Fen = 0;
    for (band, upper_id, inclusion_id) in bands {
        // A band's bounds are known even in years it is not in force: read them where they are.
        let upper = ctx
            .catalog
            .parameter(upper_id)
            .and_then(|p| {
                p.values
                    .iter()
                    .find(|v| v.covers(date))
                    .or(p.values.first())
            })
            .map(|v| v.value);
        let Some(upper) = upper else { continue };
        if income <= lower {
            break;
        }
        let part = income.min(upper) - lower;
        match param(ctx, inclusion_id, date) {
            Some(inclusion) => {
                let inclusion = Bp(u32::try_from(inclusion).unwrap_or(0));
                let counted = inclusion.of(part);
                let tax = reduced.of(counted);
                let at_standard = standard.of(part);
                steps.push(line(
                    Step::CitCounted {
                        band,
                        part,
                        lower,
                        upper,
                        inclusion,
                    },
                    Some(counted),
                ));
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
            }
            None => steps.push(line(
                Step::CitBandSilent {
                    band,
                    lower,
                    upper,
                    tax_year,
                },
                None,
            )),
        }
        lower = upper;
    }
    steps.push(line(Step::Saving, Some(saving)));
    Estimate {
        amount: Some(saving),
        steps,
    }
}

/// Whole quarters in a period (both ends inclusive, by month).
fn quarters_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let months = (i64::from(to.year()) * 12 + i64::from(to.month0()))
        - (i64::from(from.year()) * 12 + i64::from(from.month0()))
        + 1;
    (months / 3).max(0)
}

/// VAT saved by the 3% exemption in the quarters above the earlier threshold.
fn vat(ctx: &Ctx<'_>) -> Estimate {
    let Some(sales) = ctx.answers.quarterly_sales_at_3pct_fen else {
        return Estimate::need(AnswerKey::QuarterlySalesAt3pctFen);
    };
    let (Some(rate), Some(threshold), Some(to)) = (
        param(ctx, ParamId::VatLevyRateBp, ctx.as_of),
        param(ctx, ParamId::VatQuarterlyExemptThresholdFen, ctx.as_of),
        ctx.measure.period.to,
    ) else {
        return Estimate::none();
    };
    if sales <= threshold {
        return Estimate {
            amount: Some(0),
            steps: vec![line(Step::VatBelowThreshold { sales, threshold }, Some(0))],
        };
    }
    let rate = Bp(u32::try_from(rate).unwrap_or(0));
    let per_quarter = rate.of(sales);
    let quarters = quarters_between(ctx.measure.period.from, to);
    let total = per_quarter.saturating_mul(quarters);
    Estimate {
        amount: Some(total),
        steps: vec![
            line(Step::VatPerQuarter { sales, rate }, Some(per_quarter)),
            line(Step::VatQuarters { quarters }, Some(total)),
        ],
    }
}

/// Rent waived on state-owned premises: 7 months in a listed county, 3 elsewhere.
fn rent_state<'c>(ctx: &Ctx<'c>) -> CalcOutput<'c> {
    let Some(jurisdiction) = ctx.answers.jurisdiction else {
        return Estimate::need(AnswerKey::Jurisdiction).into();
    };
    let listed = ctx
        .catalog
        .jurisdiction(jurisdiction)
        .and_then(|j| j.fact(JurisdictionFact::MediumHighRisk2022));
    let risk_param = ctx.catalog.parameter(ParamId::RentStateMonthsRiskArea);
    let base_param = ctx.catalog.parameter(ParamId::RentStateMonthsBase);
    let reason = Reason {
        finding: Finding::RiskAreaListed {
            jurisdiction,
            listed,
        },
        met: listed,
        clause: ctx.measure.clause.as_str(),
    };
    let Some(rent) = ctx.answers.monthly_rent_fen else {
        return CalcOutput {
            estimate: Estimate::need(AnswerKey::MonthlyRentFen),
            reasons: vec![reason],
        };
    };
    let risk_months = param(ctx, ParamId::RentStateMonthsRiskArea, ctx.as_of);
    let base_months = param(ctx, ParamId::RentStateMonthsBase, ctx.as_of);
    let mut steps = Vec::new();
    let amount = match (listed, risk_months, base_months) {
        (Some(true), Some(months), _) => {
            let waived = rent.saturating_mul(months);
            steps.push(line(
                Step::RentMonths {
                    rent,
                    months,
                    basis: RentBasis::RiskArea,
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
    let Some(rent) = ctx.answers.monthly_rent_fen else {
        return Estimate::need(AnswerKey::MonthlyRentFen);
    };
    let Some(months) = param(ctx, ParamId::RentHighwayMonths, ctx.as_of) else {
        return Estimate::none();
    };
    let basis = match ctx.answers.rent_2022_paid {
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
fn six_taxes(ctx: &Ctx<'_>) -> Estimate {
    let Some(due) = ctx.answers.six_taxes_two_fees_due_fen else {
        return Estimate::need(AnswerKey::SixTaxesTwoFeesDueFen);
    };
    let Some(rate) = param(ctx, ParamId::SixTaxesReductionBp, ctx.as_of) else {
        return Estimate::none();
    };
    let rate = Bp(u32::try_from(rate).unwrap_or(0));
    let saved = rate.of(due);
    Estimate {
        amount: Some(saved),
        steps: vec![line(Step::SixTaxes { due, rate }, Some(saved))],
    }
}

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
