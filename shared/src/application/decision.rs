//! What an approval grants, as typed data (the ledger of deferred and refunded amounts
//! builds on it later): never free text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::answers::MAX_AMOUNT_FEN;
use crate::catalog::{ApplicationKind, MeasureId, Status};
use crate::eligibility::MeasureResult;
use crate::eligibility::calc::{RentBasis, Step};
use crate::money::Fen;
use crate::wire::wire_enum;

use super::payload::{PayloadError, Problem, is_month};

wire_enum!(
    /// How a highway service area's 2022 rent is waived.
    RentRelief {
        /// The rent was paid: it is refunded.
        Refund => "refund",
        /// The rent was not paid: it is not charged.
        Exemption => "exemption",
    }
);

wire_enum!(
    /// Why a request is decided one by one instead of in a batch: its grant needs the
    /// official's judgement, not the engine's estimate.
    NotRoutine {
        /// Decided or withdrawn already.
        NotOpen => "not_open",
        /// More information was asked: the owner answers first.
        AwaitingOwner => "awaiting_owner",
        /// The answers it was filed with are not (or no longer) eligible.
        NotEligible => "not_eligible",
        /// The engine cannot put a figure on it (an answer or an amount is missing).
        NoEstimate => "no_estimate",
        /// A deferral's monthly schedule is agreed with the utility, not estimated.
        ScheduleNeeded => "schedule_needed",
        /// Whether the county was a listed risk area (7 months or 3) is not recorded yet.
        RiskAreaNotSet => "risk_area_not_set",
        /// A highway area's refund or exemption depends on whether the rent was paid,
        /// which the request does not say.
        ReliefUnknown => "relief_unknown",
    }
);

/// One month of a deferral schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeferredMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub amount_fen: Fen,
}

/// What an approval grants, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Grant {
    /// Each month's amount deferred, all settled by `settle_by`, late fees waived or not.
    UtilityDeferral {
        schedule: Vec<DeferredMonth>,
        settle_by: NaiveDate,
        late_fees_waived: bool,
    },
    /// The months and amount waived; for highway service areas, refund or exemption.
    RentWaiver {
        months: u32,
        amount_fen: Fen,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        relief: Option<RentRelief>,
    },
    /// The one-off reward.
    SkillsReward { amount_fen: Fen },
    /// The institution is registered for evaluation.
    EvaluationInstitution {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        registration_number: Option<String>,
    },
}

fn err(field: &str, problem: Problem, message: impl Into<String>) -> PayloadError {
    PayloadError {
        field: format!("grant.{field}"),
        problem,
        message: message.into(),
    }
}

fn positive(field: &str, fen: Fen) -> Result<(), PayloadError> {
    if fen <= 0 || fen > MAX_AMOUNT_FEN {
        return Err(err(
            field,
            Problem::NotPositiveAmount,
            "must be a positive amount of fen",
        ));
    }
    Ok(())
}

impl RentRelief {
    /// A highway service area's relief follows whether the 2022 rent was paid.
    pub fn for_rent_paid(paid: bool) -> RentRelief {
        if paid {
            RentRelief::Refund
        } else {
            RentRelief::Exemption
        }
    }
}

impl Grant {
    /// The money it grants, in fen (0 when it grants none, e.g. a registration).
    pub fn amount_fen(&self) -> Fen {
        match self {
            Grant::UtilityDeferral { schedule, .. } => schedule.iter().map(|m| m.amount_fen).sum(),
            Grant::RentWaiver { amount_fen, .. } | Grant::SkillsReward { amount_fen } => {
                *amount_fen
            }
            Grant::EvaluationInstitution { .. } => 0,
        }
    }

    /// Checks the grant against what the owner filed (a highway area's refund or exemption
    /// follows whether the 2022 rent was paid).
    pub fn agrees_with(&self, payload: &serde_json::Value) -> Result<(), PayloadError> {
        if let Grant::RentWaiver {
            relief: Some(relief),
            ..
        } = self
            && let Some(paid) = payload.get("rent_2022_paid").and_then(|v| v.as_bool())
            && *relief != RentRelief::for_rent_paid(paid)
        {
            return Err(err(
                "relief",
                Problem::ReliefNotForPayment,
                format!(
                    "must be `{}`: the 2022 rent was {}",
                    RentRelief::for_rent_paid(paid),
                    if paid { "paid" } else { "not paid" }
                ),
            ));
        }
        Ok(())
    }

    /// The grant a routine request gets: exactly what the engine estimates for the answers it
    /// was filed with (the rent months and amount, the reward), for a batch approval the
    /// official then confirms. Anything that needs judgement is [`NotRoutine`].
    pub fn proposed(
        kind: ApplicationKind,
        result: &MeasureResult<'_>,
        payload: &serde_json::Value,
    ) -> Result<Grant, NotRoutine> {
        if kind == ApplicationKind::UtilityDeferral {
            return Err(NotRoutine::ScheduleNeeded);
        }
        if result.status != Status::Eligible {
            return Err(NotRoutine::NotEligible);
        }
        let grant = match kind {
            ApplicationKind::UtilityDeferral => return Err(NotRoutine::ScheduleNeeded),
            ApplicationKind::EvaluationInstitution => Grant::EvaluationInstitution {
                registration_number: None,
            },
            ApplicationKind::SkillsReward => Grant::SkillsReward {
                amount_fen: result.estimate.amount.ok_or(NotRoutine::NoEstimate)?,
            },
            ApplicationKind::RentWaiver => {
                // The step the estimate stands on (not the "if listed" alternative).
                let (months, basis, amount) = result
                    .estimate
                    .steps
                    .iter()
                    .find_map(|line| match line.step {
                        Step::RentMonths { months, basis, .. } if basis != RentBasis::IfListed => {
                            Some((months, basis, line.amount))
                        }
                        _ => None,
                    })
                    .ok_or(NotRoutine::NoEstimate)?;
                if basis == RentBasis::NationalBaseUntilListed {
                    return Err(NotRoutine::RiskAreaNotSet);
                }
                let relief = if result.measure == crate::catalog::measure_ids::RENT_WAIVER_HIGHWAY {
                    let paid = payload
                        .get("rent_2022_paid")
                        .and_then(serde_json::Value::as_bool)
                        .ok_or(NotRoutine::ReliefUnknown)?;
                    Some(RentRelief::for_rent_paid(paid))
                } else {
                    None
                };
                Grant::RentWaiver {
                    months: u32::try_from(months).map_err(|_| NotRoutine::NoEstimate)?,
                    amount_fen: amount.ok_or(NotRoutine::NoEstimate)?,
                    relief,
                }
            }
        };
        grant
            .validate(kind, result.measure)
            .and_then(|()| grant.agrees_with(payload))
            .map_err(|_| NotRoutine::NoEstimate)?;
        Ok(grant)
    }

    pub fn kind(&self) -> ApplicationKind {
        match self {
            Grant::UtilityDeferral { .. } => ApplicationKind::UtilityDeferral,
            Grant::RentWaiver { .. } => ApplicationKind::RentWaiver,
            Grant::SkillsReward { .. } => ApplicationKind::SkillsReward,
            Grant::EvaluationInstitution { .. } => ApplicationKind::EvaluationInstitution,
        }
    }

    /// Checks a grant for a request of `kind` for `measure`.
    pub fn validate(&self, kind: ApplicationKind, measure: MeasureId) -> Result<(), PayloadError> {
        if self.kind() != kind {
            return Err(err(
                "kind",
                Problem::WrongKind,
                format!("must be `{kind}` for this request"),
            ));
        }
        match self {
            Grant::UtilityDeferral { schedule, .. } => {
                if schedule.is_empty() {
                    return Err(err(
                        "schedule",
                        Problem::NoneChosen,
                        "name at least one month",
                    ));
                }
                for (i, m) in schedule.iter().enumerate() {
                    if !is_month(&m.month) {
                        return Err(err(
                            &format!("schedule[{i}].month"),
                            Problem::MonthFormat,
                            "not a month (YYYY-MM)",
                        ));
                    }
                    positive(&format!("schedule[{i}].amount_fen"), m.amount_fen)?;
                }
                Ok(())
            }
            Grant::RentWaiver {
                months,
                amount_fen,
                relief,
            } => {
                if !(1..=12).contains(months) {
                    return Err(err("months", Problem::MonthCount, "must be 1 to 12"));
                }
                positive("amount_fen", *amount_fen)?;
                if (measure == crate::catalog::measure_ids::RENT_WAIVER_HIGHWAY) != relief.is_some()
                {
                    return Err(err(
                        "relief",
                        Problem::ReliefOnlyForHighway,
                        "refund or exemption is given for highway service areas, and only there",
                    ));
                }
                Ok(())
            }
            Grant::SkillsReward { amount_fen } => positive("amount_fen", *amount_fen),
            Grant::EvaluationInstitution { .. } => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_highway_area_gets_a_refund_if_it_paid_and_an_exemption_if_not() {
        let grant = |relief| Grant::RentWaiver {
            months: 6,
            amount_fen: 1_800_000,
            relief: Some(relief),
        };
        let paid = json!({"rent_2022_paid": true});
        let unpaid = json!({"rent_2022_paid": false});
        assert!(grant(RentRelief::Refund).agrees_with(&paid).is_ok());
        assert!(grant(RentRelief::Exemption).agrees_with(&unpaid).is_ok());
        assert!(grant(RentRelief::Exemption).agrees_with(&paid).is_err());
        assert!(grant(RentRelief::Refund).agrees_with(&unpaid).is_err());
        assert!(
            grant(RentRelief::Refund)
                .validate(
                    ApplicationKind::RentWaiver,
                    MeasureId::parse("rent-waiver-state").unwrap()
                )
                .is_err(),
            "state premises have no refund/exemption choice"
        );
    }
}
