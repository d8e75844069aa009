//! `GET /api/v1/admin/assessment`: the supervision and assessment table (督导考核) of the
//! plan's part 三(二): per department and per county over a period, with the denominators,
//! ranked only among units with enough decided requests (mySociety's lesson: a unit with one
//! case must not top the table), and the change from the period before.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::answers::JurisdictionId;
use crate::catalog::DepartmentId;
use crate::money::Fen;

/// Units with fewer requests decided in the period are not ranked, unless asked otherwise.
pub const MIN_DECIDED_DEFAULT: u64 = 5;

/// What a unit did in a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    /// Requests filed in the period.
    pub received: u64,
    /// Requests approved or rejected in the period.
    pub decided: u64,
    /// Of those, decided on or before their last day.
    pub decided_on_time: u64,
    /// `decided_on_time / decided`; `null` with nothing decided.
    pub on_time_rate: Option<f64>,
    /// Mean working days from filing to decision of those decided; `null` with none.
    pub avg_working_days: Option<f64>,
    /// Ratings given in the period (those voided on review left out).
    pub ratings: u64,
    /// Of those, 非常满意, 满意 or 基本满意.
    pub satisfied: u64,
    /// `satisfied / ratings`; `null` with no rating.
    pub satisfaction_rate: Option<f64>,
    /// Amounts approved in the period, in fen.
    pub approved_fen: Fen,
    /// Distinct businesses with a request approved in the period.
    pub businesses_helped: u64,
}

/// One department's or county's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessmentRow<K> {
    pub key: K,
    #[serde(flatten)]
    pub figures: Figures,
    /// Open requests past their last day, now.
    pub overdue_now: u64,
    /// Rectifications still open, and those of them past their last day, now.
    pub rectifications_open: u64,
    pub rectifications_overdue: u64,
    /// The place among the units with at least `min_decided` requests decided (by on-time
    /// rate, then satisfaction, then requests decided); `null`: too few to rank.
    pub rank: Option<u32>,
    /// Nothing filed, decided or rated in the period.
    pub inactive: bool,
    /// The same figures for the period of the same length just before.
    pub previous: Figures,
}

/// The table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessmentResponse {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The period before, compared with.
    pub previous_from: NaiveDate,
    pub previous_to: NaiveDate,
    pub min_decided: u64,
    pub departments: Vec<AssessmentRow<DepartmentId>>,
    pub counties: Vec<AssessmentRow<JurisdictionId>>,
}

/// The published figures of one unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicFigures {
    pub decided: u64,
    pub decided_on_time: u64,
    pub on_time_rate: Option<f64>,
    pub ratings: u64,
    pub satisfied: u64,
    pub satisfaction_rate: Option<f64>,
}

impl From<&Figures> for PublicFigures {
    fn from(f: &Figures) -> PublicFigures {
        PublicFigures {
            decided: f.decided,
            decided_on_time: f.decided_on_time,
            on_time_rate: f.on_time_rate,
            ratings: f.ratings,
            satisfied: f.satisfied,
            satisfaction_rate: f.satisfaction_rate,
        }
    }
}

/// One department's published figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicRow {
    pub department: DepartmentId,
    #[serde(flatten)]
    pub figures: PublicFigures,
}

/// One county's published figures (the requests of businesses operating there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicCountyRow {
    pub county: JurisdictionId,
    #[serde(flatten)]
    pub figures: PublicFigures,
}

/// `GET /api/v1/public/results`: the evaluation indicators published to all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicResults {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub departments: Vec<PublicRow>,
    pub counties: Vec<PublicCountyRow>,
}
