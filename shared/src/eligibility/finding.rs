//! What a result rests on: typed findings with their outcome and the clause or rule they
//! come from. `shared::i18n` turns them into sentences.

use chrono::NaiveDate;
use serde::Serialize;

use crate::answers::{AnswerValue, EntityType, Industry, JurisdictionId};
use crate::catalog::{JurisdictionFact, L10n, PeriodBasis, SizeClass};
use crate::money::Fen;

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
        /// The national document setting the period, when not the plan.
        source: Option<&'c str>,
        as_of: NaiveDate,
    },
    /// The measure's period against the tax year asked about.
    TaxYear {
        tax_year: Option<i32>,
        from_year: i32,
        to_year: Option<i32>,
        basis: PeriodBasis,
        source: Option<&'c str>,
    },
    /// The relief concerns a period of its own (2022 rent, tax quarters), whatever the day
    /// of asking.
    ReliefPeriod {
        from: NaiveDate,
        to: Option<NaiveDate>,
        basis: PeriodBasis,
        source: Option<&'c str>,
    },
    /// A list answer against the values a condition allows.
    AnswerIn {
        answer: &'c str,
        allowed: &'c [String],
        /// The answer as given (a value, or a list of values); `null` while unknown.
        actual: Option<&'c AnswerValue>,
        /// The requirement in the catalog's words, when the condition gives its own.
        #[serde(skip)]
        says: Option<&'c L10n>,
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
    Answer {
        answer: &'c str,
        expected: bool,
        actual: Option<bool>,
    },
    JurisdictionFact {
        fact: JurisdictionFact,
        jurisdiction: Option<JurisdictionId>,
        value: Option<bool>,
        /// The unit the value was recorded for, when it is the area `jurisdiction` lies
        /// within (KETDZ taking Korla's risk listing).
        #[serde(skip_serializing_if = "Option::is_none")]
        recorded_for: Option<JurisdictionId>,
    },
    AtMost {
        answer: &'c str,
        limit: Option<i64>,
        actual: Option<i64>,
    },
    InEffectFrom {
        from: NaiveDate,
        as_of: NaiveDate,
    },
    /// Whether the county was listed as a medium/high-risk area in 2022 (decides 7 or 3 months).
    RiskAreaListed {
        jurisdiction: JurisdictionId,
        listed: Option<bool>,
        /// The unit the listing was recorded for, when it is the area `jurisdiction` lies
        /// within (KETDZ taking Korla's).
        #[serde(skip_serializing_if = "Option::is_none")]
        recorded_for: Option<JurisdictionId>,
    },
    /// The landlord is a central or autonomous-region SOE or a 兵团 unit: the national waiver
    /// applies and the landlord itself decides.
    LandlordDecides {
        /// The routing row's words for it.
        #[serde(skip)]
        says: Option<&'c L10n>,
    },
    /// A number used for this tax year comes from a national rule, not from the plan.
    NationalRule {
        tax_year: i32,
    },
    /// The quarterly sales given put the year's sales above the small-scale limit.
    SmallScaleLimit {
        annual_sales: Fen,
        limit: Fen,
    },
    /// A part that informs without deciding, introduced by the catalog's note.
    Informative {
        #[serde(skip)]
        note: &'c L10n,
        inner: Box<Finding<'c>>,
    },
}

impl Finding<'_> {
    pub fn code(&self) -> &'static str {
        match self {
            Finding::Period { .. } => "period",
            Finding::TaxYear { .. } => "tax_year",
            Finding::ReliefPeriod { .. } => "relief_period",
            Finding::AnswerIn { .. } => "answer_in",
            Finding::Business { .. } => "business",
            Finding::ServiceSector { .. } => "service_sector",
            Finding::Answer { .. } => "answer",
            Finding::JurisdictionFact { .. } => "jurisdiction_fact",
            Finding::AtMost { .. } => "at_most",
            Finding::InEffectFrom { .. } => "in_effect_from",
            Finding::RiskAreaListed { .. } => "risk_area_listed",
            Finding::LandlordDecides { .. } => "landlord_decides",
            Finding::NationalRule { .. } => "national_rule",
            Finding::SmallScaleLimit { .. } => "small_scale_limit",
            Finding::Informative { .. } => "informative",
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
