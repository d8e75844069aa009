//! Which departments decide one business's case of a measure (POLICIES.md, "decided by";
//! the seed's 职责权属). The eligibility results show it and filed requests are routed by it.

use serde::{Deserialize, Serialize};

use crate::answers::{AnswerKey, Answers, JurisdictionId, Utility, keys};
use crate::catalog::{Catalog, DepartmentId, L10n, Measure};

/// The deciders of one case.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Routing {
    /// The departments that decide, in the catalog's order; every candidate while an answer
    /// that narrows them is missing.
    pub departments: Vec<DepartmentId>,
    /// The county-level unit whose government decides, when one does.
    pub jurisdiction: Option<JurisdictionId>,
    /// The landlord itself decides (a central or autonomous-region SOE, a 兵团 unit): no
    /// department here does.
    pub by_landlord: bool,
    /// Answers that would narrow the departments, in questionnaire order.
    pub narrowed_by: Vec<AnswerKey>,
    /// The department that leads and decides (牵头单位): the first of the measure's `lead`
    /// among `departments`, or the only one; `None` while several share it without a lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<DepartmentId>,
}

/// Routes one business's case of a measure by the measure's routing table (every department
/// of the measure without one).
pub fn route(catalog: &Catalog, measure: &Measure, answers: &Answers) -> Routing {
    let mut departments: Vec<DepartmentId> = Vec::new();
    let mut narrowed_by = Vec::new();
    let mut by_landlord = false;
    match &measure.routing {
        None => departments.extend(measure.departments.iter().copied()),
        Some(table) => {
            let picked = table.picked(answers);
            if picked.is_empty() {
                // Unknown, or a value no row is for (then the measure does not apply):
                // every candidate, until the answer tells which.
                departments.extend(table.candidates());
                narrowed_by.push(AnswerKey::from(table.answer.as_str()));
            } else {
                for row in picked {
                    departments.extend(row.departments.iter().copied());
                    by_landlord |= row.by_landlord;
                }
                if !departments.is_empty() {
                    departments.extend(table.also.iter().copied());
                }
            }
        }
    }
    // In the catalog's department order, once each.
    let ordered: Vec<DepartmentId> = catalog
        .departments
        .iter()
        .map(|d| d.id)
        .filter(|d| departments.contains(d))
        .collect();
    let per_jurisdiction = catalog
        .departments
        .iter()
        .any(|d| d.per_jurisdiction && ordered.contains(&d.id));
    let given = answers.choice::<JurisdictionId>(keys::JURISDICTION);
    let jurisdiction = given.filter(|j| per_jurisdiction && *j != JurisdictionId::Other);
    if per_jurisdiction && given.is_none() {
        narrowed_by.push(AnswerKey::from(keys::JURISDICTION));
    }
    narrowed_by.sort_by_key(|k| catalog.question_order(k));
    let lead = match ordered.as_slice() {
        [only] => Some(*only),
        _ => measure.lead.iter().copied().find(|d| ordered.contains(d)),
    };
    Routing {
        departments: ordered,
        jurisdiction,
        by_landlord,
        narrowed_by,
        lead,
    }
}

/// What the owner is told when the landlord decides instead of a department here: the words
/// of the row of the measure's table that says so.
pub fn landlord_words<'c>(measure: &'c Measure, answers: &Answers) -> Option<&'c L10n> {
    let table = measure.routing.as_ref()?;
    table
        .picked(answers)
        .into_iter()
        .find(|row| row.by_landlord)
        .and_then(|row| row.says.as_ref())
}

/// Routes a filed request by what it asks: the utilities and the landlord it names, not every
/// answer (a business behind on electricity and gas that asks to defer gas only goes to the
/// gas department and its county).
pub fn route_filed(
    catalog: &Catalog,
    measure: &Measure,
    answers: &Answers,
    payload: &crate::application::Payload,
) -> Routing {
    use crate::application::Payload;
    let mut asked = answers.clone();
    match payload {
        Payload::UtilityDeferral(p) => asked.set(
            keys::UTILITIES_IN_ARREARS,
            p.utilities
                .iter()
                .map(|u: &Utility| u.as_str().to_string())
                .collect::<Vec<_>>(),
        ),
        Payload::RentWaiver(p) => {
            if let Some(premises) = p.landlord_type.premises() {
                asked.set(keys::PREMISES, premises.as_str());
            }
        }
        Payload::SkillsReward(_) | Payload::EvaluationInstitution(_) => {}
    }
    route(catalog, measure, &asked)
}
