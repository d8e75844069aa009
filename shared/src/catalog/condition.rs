//! Eligibility conditions and calculators, as the catalog writes them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::L10n;
use super::ids::{JurisdictionFact, ParamId, SizeClass};

/// An eligibility condition: a tree evaluated in three-valued logic. Each leaf becomes one
/// reason in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// Every part holds.
    All(Vec<Condition>),
    /// At least one part holds.
    Any(Vec<Condition>),
    /// A named condition of the catalog's `definitions`.
    Ref(String),
    /// The answer to a list question (one of a list, several of a list, or the jurisdiction)
    /// is one of `values`: for several of a list, one of them is among those given; for the
    /// jurisdiction, a unit lying within one of them counts too. `says` is the requirement as
    /// owners read it, `{values}` standing for the values' labels; without it the question's
    /// own `requirement`, or "label须为：…".
    AnswerIn {
        answer: String,
        values: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        says: Option<L10n>,
    },
    /// A business as a measure names it: an enterprise (company, sole proprietorship or
    /// partnership) of one of these size classes, or, when `individual_business`, an
    /// individual business of any size.
    Business {
        sizes: Vec<SizeClass>,
        individual_business: bool,
    },
    ServiceSector,
    /// A yes/no question (its key) is answered yes.
    Yes(String),
    /// A yes/no question (its key) is answered no.
    No(String),
    /// An administrator-recorded fact about the business's jurisdiction is true.
    JurisdictionFact(JurisdictionFact),
    /// The answer to a count or money question is at most a parameter's value.
    AtMost {
        answer: String,
        param: ParamId,
    },
    /// This branch is in effect from a date (its own, within the measure's period).
    InEffectFrom(
        #[serde(
            serialize_with = "crate::values::date::serialize",
            deserialize_with = "crate::values::date::deserialize"
        )]
        NaiveDate,
    ),
    /// A part that informs without deciding: its reasons are shown, prefixed by `note`,
    /// but its value never changes the status and it asks no question.
    Informative {
        note: L10n,
        condition: Box<Condition>,
    },
}

/// How the value of a measure is estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Calculator {
    /// Corporate income tax saved by a small low-profit enterprise, by tax year.
    CitSmallLowProfit,
    /// VAT saved by the 3% exemption beyond the earlier quarterly threshold.
    VatSmallScaleExemption,
    /// Rent waived on state-owned premises.
    RentStatePremises,
    /// Rent waived (or refunded) in a highway service area.
    RentHighwayServiceArea,
}
