//! Routing as the catalog writes it: which of a measure's departments decide one business's
//! case, looked up by an answer in a table.

use serde::{Deserialize, Serialize};

use super::ids::DepartmentId;

/// A measure's routing table: the answer it is read by, and a row per value (or values) of
/// that answer. A one-of answer picks the rows naming its value; a several-of answer picks
/// the rows of each value given (a business behind on electricity and gas goes to both
/// utilities' departments). The departments of the rows picked, with `also`, decide.
///
/// While the answer is missing, or picks no row, every department of the table may decide
/// (each row's and `also`), and the answer is named as the one that narrows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoutingTable {
    /// The question whose answer picks the rows: one of a list or several of a list.
    pub answer: String,
    pub rows: Vec<RoutingRow>,
    /// Departments that decide alongside the departments of any row (each county's
    /// government beside a utility's departments).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<DepartmentId>,
}

/// One row: the answer's values it is for, and who decides then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoutingRow {
    /// The answer's values (as the question declares them) this row is for.
    pub when: Vec<String>,
    /// The departments that decide, from the measure's `departments`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<DepartmentId>,
    /// No department here decides: the landlord itself does (a central or autonomous-region
    /// SOE, a 兵团 unit); the owner is guided to it instead of filing here.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_landlord: bool,
    /// What the owner is told when this row decides that no department here does: who does,
    /// on what basis, and where to ask.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub says: Option<super::L10n>,
}

impl RoutingTable {
    /// The rows an answer picks: those naming its value, or one of its values.
    pub fn picked(&self, answers: &crate::answers::Answers) -> Vec<&RoutingRow> {
        let Some(value) = answers.value(&self.answer) else {
            return Vec::new();
        };
        self.rows
            .iter()
            .filter(|row| row.when.iter().any(|w| value.holds(w)))
            .collect()
    }

    /// Every department the table may route to, in the table's order, once each.
    pub fn candidates(&self) -> Vec<DepartmentId> {
        let mut all: Vec<DepartmentId> = Vec::new();
        for d in self
            .rows
            .iter()
            .flat_map(|r| &r.departments)
            .chain(&self.also)
        {
            if !all.contains(d) {
                all.push(*d);
            }
        }
        all
    }
}
