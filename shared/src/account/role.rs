//! Roles, and what an official is assigned to.

use crate::answers::JurisdictionId;
use crate::catalog::DepartmentId;
use crate::wire::wire_enum;

wire_enum!(
    /// What an account may do: `applicant` (a business owner: files and follows the
    /// business's requests), `official` (reviews one department's requests in one or more
    /// jurisdictions), `supervisor` (the leading group office: reads everything), `admin`
    /// (users and catalog settings).
    Role {
        Applicant => "applicant",
        Official => "official",
        Supervisor => "supervisor",
        Admin => "admin",
    }
);

impl Role {
    /// Staff accounts are created by administrators (CLI or API), never by registration.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Applicant)
    }
}

/// The department and jurisdictions a staff account is assigned to: an official has exactly
/// one department and at least one jurisdiction; no other role has either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub role: Role,
    pub department: Option<DepartmentId>,
    pub jurisdictions: Vec<JurisdictionId>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignmentError {
    #[error("an official needs a department")]
    MissingDepartment,
    #[error("an official needs at least one jurisdiction")]
    MissingJurisdiction,
    #[error("only officials have a department")]
    UnexpectedDepartment,
    #[error("only officials have jurisdictions")]
    UnexpectedJurisdiction,
    #[error("`other` is not a jurisdiction an official can be assigned to")]
    OtherJurisdiction,
    #[error("jurisdiction {0} is listed twice")]
    DuplicateJurisdiction(JurisdictionId),
    #[error("applicant accounts are created by registering, not by an administrator")]
    Applicant,
}

impl AssignmentError {
    /// The request field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            AssignmentError::MissingDepartment | AssignmentError::UnexpectedDepartment => {
                "department"
            }
            AssignmentError::Applicant => "role",
            _ => "jurisdictions",
        }
    }
}

impl Assignment {
    /// Checks a staff assignment; jurisdictions come back sorted.
    pub fn staff(
        role: Role,
        department: Option<DepartmentId>,
        mut jurisdictions: Vec<JurisdictionId>,
    ) -> Result<Assignment, AssignmentError> {
        match role {
            Role::Applicant => return Err(AssignmentError::Applicant),
            Role::Official => {
                if department.is_none() {
                    return Err(AssignmentError::MissingDepartment);
                }
                if jurisdictions.is_empty() {
                    return Err(AssignmentError::MissingJurisdiction);
                }
                if jurisdictions.contains(&JurisdictionId::Other) {
                    return Err(AssignmentError::OtherJurisdiction);
                }
                jurisdictions.sort();
                if let Some(w) = jurisdictions.windows(2).find(|w| w[0] == w[1]) {
                    return Err(AssignmentError::DuplicateJurisdiction(w[0]));
                }
            }
            Role::Supervisor | Role::Admin => {
                if department.is_some() {
                    return Err(AssignmentError::UnexpectedDepartment);
                }
                if !jurisdictions.is_empty() {
                    return Err(AssignmentError::UnexpectedJurisdiction);
                }
            }
        }
        Ok(Assignment {
            role,
            department,
            jurisdictions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_official_needs_one_department_and_distinct_real_jurisdictions() {
        use JurisdictionId::*;
        let ok = Assignment::staff(
            Role::Official,
            Some(DepartmentId::parse("sasac").unwrap()),
            vec![Luntai, Korla],
        );
        assert_eq!(ok.map(|a| a.jurisdictions), Ok(vec![Korla, Luntai]));
        // (role, department, jurisdictions, error, why)
        let cases = [
            (
                Role::Official,
                None,
                vec![Korla],
                AssignmentError::MissingDepartment,
                "no department",
            ),
            (
                Role::Official,
                Some(DepartmentId::parse("tax").unwrap()),
                vec![],
                AssignmentError::MissingJurisdiction,
                "no jurisdiction",
            ),
            (
                Role::Official,
                Some(DepartmentId::parse("tax").unwrap()),
                vec![Other],
                AssignmentError::OtherJurisdiction,
                "outside the prefecture",
            ),
            (
                Role::Official,
                Some(DepartmentId::parse("tax").unwrap()),
                vec![Bohu, Bohu],
                AssignmentError::DuplicateJurisdiction(Bohu),
                "twice",
            ),
            (
                Role::Supervisor,
                Some(DepartmentId::parse("tax").unwrap()),
                vec![],
                AssignmentError::UnexpectedDepartment,
                "supervisors read all",
            ),
            (
                Role::Admin,
                None,
                vec![Korla],
                AssignmentError::UnexpectedJurisdiction,
                "admins have no area",
            ),
            (
                Role::Applicant,
                None,
                vec![],
                AssignmentError::Applicant,
                "owners register themselves",
            ),
        ];
        for (role, dept, js, err, why) in cases {
            assert_eq!(Assignment::staff(role, dept, js), Err(err), "{why}");
        }
    }
}
