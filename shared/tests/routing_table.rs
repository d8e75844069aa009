//! Routing moved from code to the catalog's tables: the tables route every case exactly as the
//! code they replaced did. The replaced code is kept here, as the oracle, and both are run on
//! every value of the answers routing reads (each landlord, each set of utilities in arrears,
//! each jurisdiction, each unknown) for every measure.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
use common::answers;
use serde_json::json;
use shared::answers::keys;
use shared::answers::{AnswerKey, Answers, JurisdictionId, Premises, Utility};
use shared::catalog::{Catalog, DepartmentId, Measure};
use shared::eligibility::Routing;
use shared::eligibility::routing::route;

/// The routing code as it was before the tables (commit 069424d), word for word but for the
/// department order being read from the catalog.
fn route_as_coded(catalog: &Catalog, measure: &Measure, answers: &Answers) -> Routing {
    fn ids(names: &[&str]) -> Vec<DepartmentId> {
        names
            .iter()
            .map(|n| DepartmentId::parse(n).unwrap())
            .collect()
    }
    fn utility_departments(u: Utility) -> Vec<DepartmentId> {
        match u {
            Utility::Electricity => ids(&["state_grid", "ndrc"]),
            Utility::Water => ids(&["water", "housing"]),
            Utility::Gas => ids(&["housing"]),
        }
    }
    fn landlord_departments(p: Premises) -> Option<Vec<DepartmentId>> {
        match p {
            Premises::RentPrefectureSoe => Some(ids(&["sasac"])),
            Premises::RentPrefectureAgency => Some(ids(&["finance", "offices_admin"])),
            Premises::RentCountyState => Some(ids(&["county_government"])),
            Premises::RentOtherState | Premises::RentPrivate | Premises::Own | Premises::None => {
                None
            }
        }
    }
    let mut departments: Vec<DepartmentId> = Vec::new();
    let mut narrowed_by = Vec::new();
    let mut by_landlord = false;
    match measure.id.as_str() {
        "rent-waiver-state" => match answers.choice::<Premises>(keys::PREMISES) {
            Some(Premises::RentOtherState) => by_landlord = true,
            premises => match premises.and_then(landlord_departments) {
                Some(deciders) => departments.extend(deciders),
                None => {
                    departments.extend(measure.departments.iter().copied());
                    narrowed_by.push("premises");
                }
            },
        },
        "utility-deferral" => match answers
            .choices::<Utility>(keys::UTILITIES_IN_ARREARS)
            .as_deref()
        {
            Some(list) if !list.is_empty() => {
                for &u in list {
                    departments.extend(utility_departments(u));
                }
                departments.push(DepartmentId::parse("county_government").unwrap());
            }
            _ => {
                for &u in Utility::ALL {
                    departments.extend(utility_departments(u));
                }
                departments.push(DepartmentId::parse("county_government").unwrap());
                narrowed_by.push("utilities_in_arrears");
            }
        },
        _ => departments.extend(measure.departments.iter().copied()),
    }
    let mut ordered: Vec<DepartmentId> = catalog
        .departments
        .iter()
        .map(|d| d.id)
        .filter(|d| departments.contains(d))
        .collect();
    ordered.dedup();
    let county = ordered.contains(&DepartmentId::parse("county_government").unwrap());
    let given = answers.choice::<JurisdictionId>(keys::JURISDICTION);
    let jurisdiction = given.filter(|j| county && *j != JurisdictionId::Other);
    if county && given.is_none() {
        narrowed_by.push("jurisdiction");
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
        narrowed_by: narrowed_by.into_iter().map(AnswerKey::from).collect(),
        lead,
    }
}

/// Every set of utilities (as an owner ticks them, in order), the empty one, and no answer.
fn utility_answers() -> Vec<Option<Vec<Utility>>> {
    let mut all = vec![None];
    for mask in 0..(1u32 << Utility::ALL.len()) {
        let set: Vec<Utility> = Utility::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, u)| *u)
            .collect();
        all.push(Some(set));
    }
    all
}

#[test]
fn the_catalogs_routing_tables_route_every_case_as_the_code_they_replaced() {
    let catalog = shared::examples::shipped().unwrap();
    let premises: Vec<Option<Premises>> = std::iter::once(None)
        .chain(Premises::ALL.iter().copied().map(Some))
        .collect();
    let jurisdictions: Vec<Option<JurisdictionId>> = std::iter::once(None)
        .chain(JurisdictionId::ALL.iter().copied().map(Some))
        .collect();
    let mut compared = 0;
    for measure in &catalog.measures {
        for p in &premises {
            for u in utility_answers() {
                for j in &jurisdictions {
                    let answers = answers(
                        json!({"premises": *p, "utilities_in_arrears": u.clone(), "jurisdiction": *j}),
                    );
                    assert_eq!(
                        route(&catalog, measure, &answers),
                        route_as_coded(&catalog, measure, &answers),
                        "{} with {answers:?}",
                        measure.id
                    );
                    compared += 1;
                }
            }
        }
    }
    // 15 measures × 8 landlords × 9 utility answers × 12 jurisdictions.
    assert_eq!(compared, 15 * (Premises::ALL.len() + 1) * 9 * 12);
}

#[test]
fn a_measure_without_a_table_is_decided_by_every_department_it_lists() {
    let catalog = shared::examples::shipped().unwrap();
    let measure = catalog
        .measures
        .iter()
        .find(|m| m.routing.is_none() && m.departments.len() > 1)
        .unwrap();
    let routing = route(&catalog, measure, &Answers::default());
    let mut listed = measure.departments.clone();
    listed.sort_by_key(|d| catalog.departments.iter().position(|c| c.id == *d));
    assert_eq!(routing.departments, listed);
    assert!(routing.narrowed_by.iter().all(|k| *k == "jurisdiction"));
}
