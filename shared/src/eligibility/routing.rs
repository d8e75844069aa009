//! Which departments decide one business's case of a measure (POLICIES.md, "decided by";
//! the seed's 职责权属). The eligibility results show it and filed requests are routed by it.

use serde::{Deserialize, Serialize};

use crate::answers::{AnswerKey, Answers, JurisdictionId, Premises, Utility};
use crate::catalog::{Catalog, DepartmentId, Measure, MeasureId};

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

/// The departments that decide a utility's arrears deferral.
fn utility_departments(u: Utility) -> &'static [DepartmentId] {
    match u {
        Utility::Electricity => &[DepartmentId::StateGrid, DepartmentId::Ndrc],
        Utility::Water => &[DepartmentId::Water, DepartmentId::Housing],
        Utility::Gas => &[DepartmentId::Housing],
    }
}

/// The departments deciding a state-owned landlord's rent waiver; `None` when the landlord
/// decides itself or is not state-owned.
fn landlord_departments(p: Premises) -> Option<&'static [DepartmentId]> {
    match p {
        Premises::RentPrefectureSoe => Some(&[DepartmentId::Sasac]),
        Premises::RentPrefectureAgency => {
            Some(&[DepartmentId::Finance, DepartmentId::OfficesAdmin])
        }
        Premises::RentCountyState => Some(&[DepartmentId::CountyGovernment]),
        Premises::RentOtherState | Premises::RentPrivate | Premises::Own | Premises::None => None,
    }
}

/// Routes one business's case of a measure.
pub fn route(catalog: &Catalog, measure: &Measure, answers: &Answers) -> Routing {
    let mut departments: Vec<DepartmentId> = Vec::new();
    let mut narrowed_by = Vec::new();
    let mut by_landlord = false;
    match measure.id {
        MeasureId::RentWaiverState => match answers.premises {
            Some(Premises::RentOtherState) => by_landlord = true,
            premises => match premises.and_then(landlord_departments) {
                Some(deciders) => departments.extend(deciders),
                // Unknown, or not state-owned (then the measure does not apply): every candidate.
                None => {
                    departments.extend(measure.departments.iter().copied());
                    narrowed_by.push(AnswerKey::Premises);
                }
            },
        },
        MeasureId::UtilityDeferral => match answers.utilities_in_arrears.as_deref() {
            Some(list) if !list.is_empty() => {
                for &u in list {
                    departments.extend(utility_departments(u));
                }
                departments.push(DepartmentId::CountyGovernment);
            }
            _ => {
                for &u in Utility::ALL {
                    departments.extend(utility_departments(u));
                }
                departments.push(DepartmentId::CountyGovernment);
                narrowed_by.push(AnswerKey::UtilitiesInArrears);
            }
        },
        _ => departments.extend(measure.departments.iter().copied()),
    }
    // In the catalog's department order, once each.
    let mut ordered: Vec<DepartmentId> = catalog
        .departments
        .iter()
        .map(|d| d.id)
        .filter(|d| departments.contains(d))
        .collect();
    ordered.dedup();
    let county = ordered.contains(&DepartmentId::CountyGovernment);
    let jurisdiction = answers
        .jurisdiction
        .filter(|j| county && *j != JurisdictionId::Other);
    if county && answers.jurisdiction.is_none() {
        narrowed_by.push(AnswerKey::Jurisdiction);
    }
    narrowed_by.sort_unstable();
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
        Payload::UtilityDeferral(p) => asked.utilities_in_arrears = Some(p.utilities.clone()),
        Payload::RentWaiver(p) => {
            if let Some(premises) = p.landlord_type.premises() {
                asked.premises = Some(premises);
            }
        }
        Payload::SkillsReward(_) | Payload::EvaluationInstitution(_) => {}
    }
    route(catalog, measure, &asked)
}
