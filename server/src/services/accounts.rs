//! The signed-in account's profile, and staff accounts (created and disabled by
//! administrators, from the CLI or the API).

use sea_orm::DatabaseConnection;

use crate::store::Writer;
use sha2::{Digest, Sha256};
use shared::account::api::{
    BusinessProfile, CreateUserRequest, Me, UpdateMeRequest, UserList, UserView, business_name,
};
use shared::account::{Assignment, Phone, Role};
use shared::credit_code::CreditCode;
use shared::error_code::ErrorCode;

use crate::AppState;
use crate::services::Actor;
use crate::services::Error;
use crate::services::auth::{confirm_password, field_error, phone_of, taken};
use crate::services::limits::{self, Scope};
use crate::services::passwords;
use crate::store::audit::{self, AuditEntry};
use crate::store::users::{NewUser, UserRecord};
use crate::store::{sessions, users};

/// The account and, for owners, the business.
pub async fn me(db: &DatabaseConnection, caller: &Actor) -> Result<Me, Error> {
    let user = users::find(db, caller.id)
        .await?
        .ok_or(Error::Unauthorized("the access token is not valid"))?;
    let business = match users::business(db, user.id).await? {
        Some(b) => Some(BusinessProfile {
            business_name: b.business_name,
            entity_type: b.entity_type,
            credit_code: CreditCode::parse(&b.credit_code)
                .map_err(|e| Error::Internal(format!("a stored credit code is malformed: {e}")))?,
        }),
        None => None,
    };
    Ok(Me {
        id: i64::from(user.id),
        phone: phone_of(&user.phone)?,
        role: user.role,
        department: user.department,
        jurisdictions: user.jurisdictions,
        business,
        wechat_bound: user.wechat_bound,
    })
}

/// A strong entity tag of the profile, for `If-Match`.
pub fn etag(me: &Me) -> String {
    let json = serde_json::to_vec(me).unwrap_or_default();
    let digest = Sha256::digest(&json);
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Changes the business profile (owners) or the phone number (anyone, with the password).
/// With `if_match`, refuses with 412 when the profile changed since it was read.
pub async fn update_me(
    state: &AppState,
    caller: &Actor,
    if_match: Option<&str>,
    req: UpdateMeRequest,
) -> Result<Me, Error> {
    let client = &caller.address;
    // The body is checked before the precondition: a request refused for its content is
    // refused whatever If-Match says (RFC 9110, 13.2.1).
    let name = req
        .business_name
        .as_deref()
        .map(business_name)
        .transpose()
        .map_err(field_error)?
        .map(crate::services::auth::stored_name);
    let current = me(&state.db, caller).await?;
    if let Some(tag) = if_match
        && tag.trim() != "*"
        && !tag.split(',').any(|t| t.trim() == etag(&current))
    {
        return Err(Error::PreconditionFailed);
    }
    if current.business.is_none() {
        if name.is_some() {
            return Err(Error::field(
                "business_name",
                "only business owners have a business profile",
            ));
        }
        if req.entity_type.is_some() {
            return Err(Error::field(
                "entity_type",
                "only business owners have a business profile",
            ));
        }
    }
    let new_phone = req.phone.filter(|p| *p != current.phone);
    if let Some(phone) = &new_phone {
        confirm_password(
            state,
            caller.id,
            req.password,
            "the current password is required to change the phone number",
        )
        .await?;
        // Until a new number is confirmed by a code sent to it, trying one counts as a
        // registration does (10 per address an hour): whether a number has an account
        // (`phone_taken`) cannot be probed at will.
        limits::keep(
            limits::reserve(
                state,
                &[
                    (Scope::RegisterAddress, &client.0),
                    (Scope::RegisterPhone, phone.as_str()),
                ],
            )
            .await?,
        );
    }
    // One transaction: either every change is made or none.
    crate::store::write(&state.writer, async |txn| {
        if let Some(phone) = &new_phone {
            users::set_phone(txn, caller.id, phone.as_str())
                .await
                .map_err(taken(
                    ErrorCode::PhoneTaken,
                    "phone",
                    "this phone number belongs to another account",
                ))?;
            // Whoever signed in with the old number elsewhere is signed out, as after a
            // password change; this session stays.
            sessions::revoke_others(
                txn,
                caller.id,
                &caller.session_id,
                "phone_changed",
                state.now(),
            )
            .await?;
            audit::record(
                txn,
                state.now(),
                AuditEntry {
                    actor_id: Some(caller.id),
                    actor_role: Some(caller.role.as_str().into()),
                    action: "phone_changed".into(),
                    target_id: Some(caller.id),
                    phone_masked: Some(phone.masked()),
                    client_addr: Some(client.0.clone()),
                    detail: Some(format!("from {}", current.phone.masked())),
                },
            )
            .await?;
        }
        users::update_business(txn, caller.id, name.as_deref(), req.entity_type).await?;
        Ok::<_, Error>(())
    })
    .await?;
    me(&state.db, caller).await
}

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

    fn entry(&self, action: &str, target: &UserRecord, detail: String) -> AuditEntry {
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
        role: u.role,
        department: u.department,
        jurisdictions: u.jurisdictions,
        disabled: u.disabled,
        created_at: u.created_at,
    }
}

/// Creates an official, supervisor or administrator account.
pub async fn create_staff(
    writer: &Writer,
    operator: &Operator,
    req: CreateUserRequest,
) -> Result<UserView, Error> {
    req.validate().map_err(field_error)?;
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
        Ok::<_, Error>(user)
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
) -> Result<UserView, Error> {
    let db = writer.db();
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    crate::store::write(writer, async |txn| {
        if users::disable(txn, user.id, operator.at).await? {
            // Counted in the same transaction, after the change: someone must remain to
            // administer (re-enable, release codes, record settings).
            if user.role == Role::Admin && users::active_admins(txn).await? == 0 {
                return Err(Error::Refused {
                    code: ErrorCode::LastAdministrator,
                    field: None,
                    message: "the last enabled administrator cannot be disabled; create or enable another first".into(),
                });
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
        Ok::<_, Error>(())
    })
    .await?;
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    Ok(view(user))
}

/// The account id of a phone number (the CLI names accounts by phone).
async fn id_of_phone(db: &DatabaseConnection, phone: &Phone) -> Result<i32, Error> {
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
) -> Result<UserView, Error> {
    let db = writer.db();
    disable(writer, operator, id_of_phone(db, phone).await?).await
}

/// Enables a disabled account again (it signs in anew: its old sessions stay signed out).
pub async fn enable(writer: &Writer, operator: &Operator, user_id: i32) -> Result<UserView, Error> {
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
        Ok::<_, Error>(())
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
) -> Result<UserView, Error> {
    let db = writer.db();
    enable(writer, operator, id_of_phone(db, phone).await?).await
}

/// Every account, phone numbers masked.
pub async fn list(db: &DatabaseConnection) -> Result<UserList, Error> {
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
        department.map_or("-", |d| d.as_str()),
        js.join(",")
    )
}

/// Assigns an official to a department and jurisdictions (replacing the previous ones); in
/// force at their next request. 404 for an unknown id; 400 for an account that is not an
/// official.
pub async fn assign(
    writer: &Writer,
    operator: &Operator,
    user_id: i32,
    req: shared::account::api::AssignRequest,
) -> Result<UserView, Error> {
    let db = writer.db();
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    if user.role != Role::Official {
        return Err(Error::field(
            "department",
            format!("only officials are assigned; this account is {}", user.role),
        ));
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
        Ok::<_, Error>(())
    })
    .await?;
    tracing::info!(user = user.id, via = operator.via, "official reassigned");
    let user = users::find(db, user_id)
        .await?
        .ok_or(Error::NotFound("no such user"))?;
    Ok(view(user))
}
