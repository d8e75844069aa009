//! Dated parameters: every number a rule or calculator reads, with the span of dates it is
//! in force and the document it comes from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::L10n;
use super::ids::{ParamId, Unit};

/// A parameter's value for a span of dates (both ends inclusive; no end = open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dated {
    #[serde(
        serialize_with = "crate::values::date::serialize",
        deserialize_with = "crate::values::date::deserialize"
    )]
    pub from: NaiveDate,
    #[serde(
        default,
        serialize_with = "crate::values::date::option::serialize",
        deserialize_with = "crate::values::date::option::deserialize"
    )]
    pub to: Option<NaiveDate>,
    pub value: i64,
    /// The national document this value comes from, when it is not the parameter's own
    /// source (e.g. a later rule that continued a relief the plan set for earlier years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Dated {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub id: ParamId,
    pub name: L10n,
    pub unit: Unit,
    /// The clause or national rule the number comes from.
    pub source: String,
    /// Empty while the amount is redacted in the seed and no administrator has set it.
    pub values: Vec<Dated>,
}

/// A parameter value in force on a date, with where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamValue<'a> {
    pub value: i64,
    pub param: &'a Parameter,
    /// The value's own national source, when it has one.
    pub national_source: Option<&'a str>,
}

impl<'a> ParamValue<'a> {
    /// The document this value rests on.
    pub fn source(&self) -> &'a str {
        self.national_source.unwrap_or(self.param.source.as_str())
    }
}

impl Parameter {
    /// The value in force on a date, if any.
    pub fn at(&self, date: NaiveDate) -> Option<ParamValue<'_>> {
        self.values
            .iter()
            .find(|v| v.covers(date))
            .map(|v| ParamValue {
                value: v.value,
                param: self,
                national_source: v.source.as_deref(),
            })
    }
}
