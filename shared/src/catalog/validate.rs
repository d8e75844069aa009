//! What a catalog must satisfy beyond its types: completeness, uniqueness, references,
//! units, ranges and dates.

use std::collections::BTreeSet;

use super::ids::{DepartmentId, MeasureId, ParamId};
use super::{Catalog, Condition, Dated, How, Period, Unit};
use crate::answers::{Industry, JurisdictionId};

/// Why a catalog was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("the catalog is not valid JSON for its schema at {path}: {message}")]
    Syntax { path: String, message: String },
    #[error("the catalog has no version")]
    NoVersion,
    #[error("measure {0} is missing")]
    MissingMeasure(MeasureId),
    #[error("measure {0} appears more than once")]
    DuplicateMeasure(MeasureId),
    #[error("department {0} is listed more than once")]
    DuplicateDepartment(DepartmentId),
    #[error("measure {measure} names department {department}, which the catalog does not list")]
    UnknownDepartment {
        measure: MeasureId,
        department: DepartmentId,
    },
    #[error("jurisdiction {0} is missing or listed more than once")]
    Jurisdiction(JurisdictionId),
    #[error("jurisdiction {0} lies within a jurisdiction the catalog does not list")]
    UnknownWithin(JurisdictionId),
    #[error("parameter {0} is missing or listed more than once")]
    Parameter(ParamId),
    #[error("parameter {0} has a value whose dates overlap another's or end before they start")]
    ParameterDates(ParamId),
    #[error("parameter {id} is in {found:?} but is read in {expected:?}")]
    ParameterUnit {
        id: ParamId,
        expected: Unit,
        found: Unit,
    },
    #[error("parameter {0} has a value out of range (negative, or a rate over 100%)")]
    ParameterRange(ParamId),
    #[error("industry {0:?} is missing from the size standard or in it twice")]
    SizeRow(Industry),
    #[error(
        "measure {0}'s period ends before it starts, or is national without naming its document"
    )]
    Period(MeasureId),
    #[error(
        "measure {0}: an application window is given exactly for apply measures, and must not end before it starts"
    )]
    ApplicationWindow(MeasureId),
    #[error("measure {measure} refers to the undefined condition {name}")]
    UnknownDefinition { measure: String, name: String },
    #[error("measure {0}: `how` is apply exactly when an application kind is given")]
    ApplicationKind(MeasureId),
    #[error("example {name}: {problem}")]
    Example { name: String, problem: String },
}

impl Catalog {
    pub fn validate(&self) -> Result<(), CatalogError> {
        if self.version.trim().is_empty() {
            return Err(CatalogError::NoVersion);
        }
        for &id in MeasureId::ALL {
            match self.measures.iter().filter(|m| m.id == id).count() {
                0 => return Err(CatalogError::MissingMeasure(id)),
                1 => {}
                _ => return Err(CatalogError::DuplicateMeasure(id)),
            }
        }
        let mut departments = BTreeSet::new();
        for d in &self.departments {
            if !departments.insert(d.id) {
                return Err(CatalogError::DuplicateDepartment(d.id));
            }
        }
        for &id in JurisdictionId::ALL {
            let count = self.jurisdictions.iter().filter(|j| j.id == id).count();
            let expected = usize::from(id != JurisdictionId::Other);
            if count != expected {
                return Err(CatalogError::Jurisdiction(id));
            }
        }
        for j in &self.jurisdictions {
            if let Some(outer) = j.within
                && (outer == j.id || self.jurisdiction(outer).is_none_or(|o| o.within.is_some()))
            {
                return Err(CatalogError::UnknownWithin(j.id));
            }
        }
        for &id in ParamId::ALL {
            let mut found = self.parameters.iter().filter(|p| p.id == id);
            let (Some(param), None) = (found.next(), found.next()) else {
                return Err(CatalogError::Parameter(id));
            };
            if param.unit != id.unit() {
                return Err(CatalogError::ParameterUnit {
                    id,
                    expected: id.unit(),
                    found: param.unit,
                });
            }
            let max = if param.unit == Unit::Bp {
                i64::from(crate::money::Bp::WHOLE)
            } else {
                crate::answers::MAX_AMOUNT_FEN
            };
            if param.values.iter().any(|v| !(0..=max).contains(&v.value)) {
                return Err(CatalogError::ParameterRange(id));
            }
            let mut spans: Vec<&Dated> = param.values.iter().collect();
            spans.sort_by_key(|v| v.from);
            for (i, v) in spans.iter().enumerate() {
                if v.to.is_some_and(|to| to < v.from) {
                    return Err(CatalogError::ParameterDates(id));
                }
                if let Some(next) = spans.get(i + 1)
                    && v.to.is_none_or(|to| to >= next.from)
                {
                    return Err(CatalogError::ParameterDates(id));
                }
            }
        }
        for &industry in Industry::ALL {
            let rows = self
                .size_standard
                .rows
                .iter()
                .filter(|r| r.industries.contains(&industry))
                .count();
            if rows != 1 {
                return Err(CatalogError::SizeRow(industry));
            }
        }
        for (name, condition) in &self.definitions {
            self.check_refs(name, condition, false)?;
        }
        for m in &self.measures {
            if let Some(&d) = m.lead.iter().find(|d| !m.departments.contains(d)) {
                return Err(CatalogError::UnknownDepartment {
                    measure: m.id,
                    department: d,
                });
            }
            for &d in &m.departments {
                if !departments.contains(&d) {
                    return Err(CatalogError::UnknownDepartment {
                        measure: m.id,
                        department: d,
                    });
                }
            }
            if !period_ok(&m.period) {
                return Err(CatalogError::Period(m.id));
            }
            if (m.how == How::Apply) != m.application_kind.is_some() {
                return Err(CatalogError::ApplicationKind(m.id));
            }
            if (m.how == How::Apply) != m.application_window.is_some()
                || m.application_window.as_ref().is_some_and(|w| !period_ok(w))
            {
                return Err(CatalogError::ApplicationWindow(m.id));
            }
            self.check_refs(m.id.as_str(), &m.condition, true)?;
        }
        Ok(())
    }

    fn check_refs(
        &self,
        owner: &str,
        condition: &Condition,
        refs_allowed: bool,
    ) -> Result<(), CatalogError> {
        match condition {
            Condition::All(parts) | Condition::Any(parts) => parts
                .iter()
                .try_for_each(|c| self.check_refs(owner, c, refs_allowed)),
            Condition::Informative { condition, .. } => {
                self.check_refs(owner, condition, refs_allowed)
            }
            // Definitions may not refer to definitions: no cycles, no deep chains.
            Condition::Ref(name) if !refs_allowed || !self.definitions.contains_key(name) => {
                Err(CatalogError::UnknownDefinition {
                    measure: owner.to_string(),
                    name: name.clone(),
                })
            }
            _ => Ok(()),
        }
    }
}

/// A period's end is not before its start, and a national basis names its document.
fn period_ok(p: &Period) -> bool {
    p.to.is_none_or(|to| to >= p.from)
        && (p.basis != super::PeriodBasis::National
            || p.source.as_deref().is_some_and(|s| !s.trim().is_empty()))
}
