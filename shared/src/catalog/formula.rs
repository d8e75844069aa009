//! Amounts as the catalog writes them: a measure's `estimate` is lines the owner reads, each a
//! sentence in every language with the values it shows, and what it comes to. The values are
//! small typed expressions over the answers and the dated parameters, in integer fen with the
//! rounding stated; the catalog is refused when an expression mixes units.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::L10n;
use super::ids::ParamId;

/// How a measure's value is estimated: its lines, in order. The estimate is what the last line
/// with an `amount` comes to. An answer a line needs and that is missing asks for it instead
/// (no line is shown); a line for a case its expression does not list (a level of "none") shows
/// nothing and gives no estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Formula {
    pub lines: Vec<FormulaLine>,
}

/// One line of an estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FormulaLine {
    /// What the line comes to, in fen; a line without one only informs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Expr>,
    /// The sentence, `{name}` standing for the value `name` of `values` as its unit shows it
    /// (¥1,234.50, 50%, 3; an answer of a list by its label).
    pub says: L10n,
    /// The values the sentence shows.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, Expr>,
    /// Said instead when a parameter the line reads has no value on the day (the sources
    /// are silent: "奖补金额由主管部门确定"); without it, the line is left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub silent: Option<L10n>,
}

/// A value: money in fen, a rate in basis points, or a whole number (months, people).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Expr {
    /// An answer: money in fen, a count, a year, or (to show or choose by) a value of a list.
    Answer(String),
    /// A dated parameter's value on the day, in its unit.
    Param(ParamId),
    /// An amount of money written in the catalog, in fen.
    Fen(i64),
    /// A whole number written in the catalog.
    Number(i64),
    /// A rate written in the catalog, in basis points (5000 is 50%).
    Bp(i64),
    /// Money `of` times the rate `rate` (basis points), rounded to the fen, halves up.
    Percent { of: Box<Expr>, rate: Box<Expr> },
    /// Money `of` times a whole number `times` (months, people), exact.
    Times { of: Box<Expr>, times: Box<Expr> },
    /// The sum of values of one unit.
    Sum(Vec<Expr>),
    /// The least of values of one unit.
    Min(Vec<Expr>),
    /// The greatest of values of one unit.
    Max(Vec<Expr>),
    /// By the value of a one-of answer: the expression of its case; a value with no case has
    /// no amount (the measure gives nothing for it).
    ByAnswer {
        answer: String,
        cases: BTreeMap<String, Expr>,
    },
}
