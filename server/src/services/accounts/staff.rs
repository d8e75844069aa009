//! Staff accounts, kept by administrators (over the API) or the CLI: created, disabled,
//! enabled, assigned; every change in the audit log.

use sea_orm::DatabaseConnection;

use crate::store::Writer;
use shared::account::api::{
    CreateUserRequest, RenameRequest, ResetPasswordRequest, UserList, UserView,
};
use shared::account::{Assignment, Phone, Role};
use shared::error_code::ErrorCode;

use crate::AppState;
use crate::services::Actor;
use crate::services::auth::{field_error, taken};
use crate::services::passwords;
use crate::services::{AccountError, Error};
use crate::store::audit::{self, AuditEntry};
use crate::store::users::{NewUser, UserRecord};
use crate::store::{sessions, users};

/// Who is acting on staff accounts: an administrator over the API, or the CLI.
#[derive(Debug, Clone)]
pub struct Operator {
    pub id: Option<i32>,
    pub role: Option<Role>,
    pub client_addr: Option<String>,
    /// `api` or `cli`.
    pub via: &'static str,
    /// When it acts (the server's clock).
    pub at: chrono::DateTime<chrono::Utc>,
}

impl Operator {
    pub fn cli(clock: &crate::clock::Clock) -> Operator {
        Operator {
            id: None,
            role: None,
            client_addr: None,
            via: "cli",
            at: clock.now(),
        }
    }

    pub fn admin(state: &AppState, caller: &Actor) -> Operator {
        Operator {
            id: Some(caller.id),
            role: Some(caller.role),
            client_addr: Some(caller.address.0.clone()),
            via: "api",
            at: state.now(),
        }
    }

    pub(super) fn entry(&self, action: &str, target: &UserRecord, detail: String) -> AuditEntry {
        AuditEntry {
            actor_id: self.id,
            actor_role: self.role.map(|r| r.as_str().to_owned()),
            action: action.to_owned(),
            target_id: Some(target.id),
            phone_masked: Some(shared::account::phone::mask(&target.phone)),
            client_addr: self.client_addr.clone(),
            detail: Some(format!("{detail} (via {})", self.via)),
        }
    }
}

fn view(u: UserRecord) -> UserView {
    UserView {
        id: i64::from(u.id),
        phone_masked: shared::account::phone::mask(&u.phone),
        name: u.name,
        role: u.role,
        department: u.department,
        jurisdictions: u.jurisdictions,
        disabled: u.disabled,
        created_at: u.created_at,
    }
}

/// An official's department is one the catalog in force declares.
fn declared(
    catalog: &shared::Catalog,
    department: Option<shared::catalog::DepartmentId>,
) -> Result<(), Error> {
    match department {
        Some(d) if catalog.department(d).is_none() => Err(Error::field(
            "department",
            format!("`{d}` is not a department of the catalog in force"),
        )),
        _ => Ok(()),
    }
}

/// Creates an official, supervisor or administrator account.
pub async fn create_staff(
    writer: &Writer,
    operator: &Operator,
    catalog: &shared::Catalog,
    req: CreateUserRequest,
) -> Result<UserView, AccountError> {
    req.validate().map_err(field_error)?;
    let name = req
        .name
        .as_deref()
        .map(shared::account::api::staff_name)
        .transpose()
        .map_err(field_error)?;
    declared(catalog, req.department)?;
    let assignment = Assignment::staff(req.role, req.department, req.jurisdictions)
        .map_err(|e| Error::field(e.field(), e.to_string()))?;
    let password_hash = passwords::hash(req.password).await?;
    let user = crate::store::write(writer, async |txn| {
        let id = users::insert(
            txn,
            NewUser {
                phone: req.phone.as_str(),
                password_hash: &password_hash,
                role: assignment.role,
                department: assignment.department,
                jurisdictions: &assignment.jurisdictions,
                name: name.as_deref(),
            },
            operator.at,
        )
        .await
        .map_err(taken(
            ErrorCode::PhoneTaken,
            "phone",
            "this phone number already has an account",
        ))?;
        let user = users::find(txn, id)
            .await?
            .ok_or_else(|| Error::Internal("a created account is missing".into()))?;
        let mut detail = format!("granted role {}", user.role);
        if let Some(name) = &user.name {
            detail.push_str(&format!(", named {name}"));
        }
        if let Some(d) = user.department {
            detail.push_str(&format!(", department {d}"));
        }
        if !user.jurisdictions.is_empty() {
            let js: Vec<&str> = user.jurisdictions.iter().map(|j| j.as_str()).collect();
            detail.push_str(&format!(", jurisdictions {}", js.join(",")));
        }
        audit::record(
            txn,
            operator.at,
            operator.entry("user_created", &user, detail),
        )
        .await?;
        Ok::<_, AccountError>(user)
    })
    .await?;
    tracing::info!(user = user.id, role = %user.role, phone = %req.phone, via = operator.via, "staff account created");
    Ok(view(user))
}

/// Disables an account and signs out all its sessions. 404 for an unknown id.
pub async fn disable(
    writer: &Writer,
    operator: &Operator,
    user_id: i32,
) -> Result<UserView, AccountError> {
    let db = writer.db();
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    crate::store::write(writer, async |txn| {
        if users::disable(txn, user.id, operator.at).await? {
            // Counted in the same transaction, after the change: someone must remain to
            // administer (re-enable, release codes, record settings).
            if user.role == Role::Admin && users::active_admins(txn).await? == 0 {
                return Err(AccountError::LastAdministrator);
            }
            sessions::revoke_all(txn, user.id, "account_disabled", operator.at).await?;
            audit::record(
                txn,
                operator.at,
                operator.entry("account_disabled", &user, format!("role {}", user.role)),
            )
            .await?;
            tracing::info!(user = user.id, via = operator.via, "account disabled");
        }
        Ok::<_, AccountError>(())
    })
    .await?;
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    Ok(view(user))
}

/// The account id of a phone number (the CLI names accounts by phone).
async fn id_of_phone(db: &DatabaseConnection, phone: &Phone) -> Result<i32, AccountError> {
    Ok(users::find_by_phone(db, phone.as_str())
        .await?
        .ok_or(Error::NotFound("no account has this phone number"))?
        .id)
}

/// Disables the account of a phone number (the CLI).
pub async fn disable_by_phone(
    writer: &Writer,
    operator: &Operator,
    phone: &Phone,
) -> Result<UserView, AccountError> {
    let db = writer.db();
    disable(writer, operator, id_of_phone(db, phone).await?).await
}

/// Enables a disabled account again (it signs in anew: its old sessions stay signed out).
pub async fn enable(
    writer: &Writer,
    operator: &Operator,
    user_id: i32,
) -> Result<UserView, AccountError> {
    let db = writer.db();
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    crate::store::write(writer, async |txn| {
        if users::enable(txn, user.id).await? {
            audit::record(
                txn,
                operator.at,
                operator.entry("account_enabled", &user, format!("role {}", user.role)),
            )
            .await?;
            tracing::info!(user = user.id, via = operator.via, "account enabled");
        }
        Ok::<_, AccountError>(())
    })
    .await?;
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    Ok(view(user))
}

/// Enables the account of a phone number (the CLI).
pub async fn enable_by_phone(
    writer: &Writer,
    operator: &Operator,
    phone: &Phone,
) -> Result<UserView, AccountError> {
    let db = writer.db();
    enable(writer, operator, id_of_phone(db, phone).await?).await
}

/// Records a staff member's name (an owner's account has none: 400). 404 for an unknown id.
pub async fn rename(
    writer: &Writer,
    operator: &Operator,
    user_id: i32,
    req: RenameRequest,
) -> Result<UserView, AccountError> {
    let name = shared::account::api::staff_name(&req.name).map_err(field_error)?;
    let db = writer.db();
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    if !user.role.is_staff() {
        return Err(Error::field("name", "only staff accounts have names").into());
    }
    crate::store::write(writer, async |txn| {
        users::set_name(txn, user.id, &name).await?;
        let before = user.name.as_deref().unwrap_or("(none)");
        audit::record(
            txn,
            operator.at,
            operator.entry("user_renamed", &user, format!("name {before} → {name}")),
        )
        .await?;
        Ok::<_, AccountError>(())
    })
    .await?;
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    Ok(view(user))
}

/// Sets a new password for an account whose holder forgot theirs (the administrator checked
/// who is asking, at the counter or by phone) and signs out all its sessions: the holder
/// signs in with it and is asked to keep it to themselves. 404 for an unknown id.
pub async fn reset_password(
    writer: &Writer,
    operator: &Operator,
    user_id: i32,
    req: ResetPasswordRequest,
) -> Result<UserView, AccountError> {
    let db = writer.db();
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    shared::account::password::check_password(&req.password, Some(&user.phone))
        .map_err(|e| Error::field("password", e.to_string()))?;
    let password_hash = passwords::hash(req.password).await?;
    crate::store::write(writer, async |txn| {
        users::set_password(txn, user.id, &password_hash).await?;
        sessions::revoke_all(txn, user.id, "password_reset", operator.at).await?;
        audit::record(
            txn,
            operator.at,
            operator.entry("password_reset", &user, format!("role {}", user.role)),
        )
        .await?;
        Ok::<_, AccountError>(())
    })
    .await?;
    tracing::info!(
        user = user.id,
        via = operator.via,
        "password reset by an administrator"
    );
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    Ok(view(user))
}

/// Every account, phone numbers masked.
pub async fn list(db: &DatabaseConnection) -> Result<UserList, AccountError> {
    Ok(UserList {
        users: users::list(db).await?.into_iter().map(view).collect(),
    })
}

fn describe(
    department: Option<shared::catalog::DepartmentId>,
    js: &[shared::answers::JurisdictionId],
) -> String {
    let js: Vec<&str> = js.iter().map(|j| j.as_str()).collect();
    format!(
        "department {}, jurisdictions {}",
        department.map_or_else(|| "-".to_string(), |d| d.to_string()),
        js.join(",")
    )
}

/// Assigns an official to a department and jurisdictions (replacing the previous ones); in
/// force at their next request. 404 for an unknown id; 400 for an account that is not an
/// official.
pub async fn assign(
    writer: &Writer,
    operator: &Operator,
    catalog: &shared::Catalog,
    user_id: i32,
    req: shared::account::api::AssignRequest,
) -> Result<UserView, AccountError> {
    declared(catalog, Some(req.department))?;
    let db = writer.db();
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    if user.role != Role::Official {
        return Err(Error::field(
            "department",
            format!("only officials are assigned; this account is {}", user.role),
        )
        .into());
    }
    let assignment = Assignment::staff(user.role, Some(req.department), req.jurisdictions)
        .map_err(|e| Error::field(e.field(), e.to_string()))?;
    crate::store::write(writer, async |txn| {
        users::set_assignment(
            txn,
            user.id,
            assignment.department,
            &assignment.jurisdictions,
        )
        .await?;
        let detail = format!(
            "{} → {}",
            describe(user.department, &user.jurisdictions),
            describe(assignment.department, &assignment.jurisdictions)
        );
        audit::record(
            txn,
            operator.at,
            operator.entry("user_assigned", &user, detail),
        )
        .await?;
        Ok::<_, AccountError>(())
    })
    .await?;
    tracing::info!(user = user.id, via = operator.via, "official reassigned");
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    Ok(view(user))
}
