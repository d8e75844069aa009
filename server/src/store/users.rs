//! Users, owners' businesses and officials' jurisdictions.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use shared::account::Role;
use shared::answers::{EntityType, JurisdictionId};
use shared::catalog::DepartmentId;

use super::entities::{business, official_jurisdiction, user};
use super::{WriteError, parse_wire, write_error};

/// An account as the services see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i32,
    pub phone: String,
    pub password_hash: String,
    pub role: Role,
    pub department: Option<DepartmentId>,
    pub jurisdictions: Vec<JurisdictionId>,
    pub wechat_bound: bool,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    /// A staff member's name, where recorded.
    pub name: Option<String>,
}

/// An owner's business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessRecord {
    pub business_name: String,
    pub entity_type: EntityType,
    /// `None` while the account's claim on it waits, or after an administrator released it.
    pub credit_code: Option<String>,
    /// When and by which department the licence was checked (核验).
    pub verified: Option<Verification>,
}

/// A department's record that a business's licence matches its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub at: DateTime<Utc>,
    pub by: Option<i32>,
    pub department: Option<DepartmentId>,
}

/// A new account.
pub struct NewUser<'a> {
    pub phone: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub department: Option<DepartmentId>,
    pub jurisdictions: &'a [JurisdictionId],
    /// A staff member's name.
    pub name: Option<&'a str>,
}

async fn record(db: &impl ConnectionTrait, m: user::Model) -> Result<UserRecord, DbErr> {
    let jurisdictions = official_jurisdiction::Entity::find()
        .filter(official_jurisdiction::Column::UserId.eq(m.id))
        .all(db)
        .await?
        .into_iter()
        .map(|j| {
            parse_wire(
                JurisdictionId::ALL,
                JurisdictionId::as_str,
                &j.jurisdiction_id,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut jurisdictions = jurisdictions;
    jurisdictions.sort();
    Ok(UserRecord {
        id: m.id,
        role: parse_wire(Role::ALL, Role::as_str, &m.role)?,
        department: m
            .department_id
            .as_deref()
            .map(super::parse_department)
            .transpose()?,
        jurisdictions,
        wechat_bound: m.wechat_openid.is_some(),
        disabled: m.disabled_at.is_some(),
        created_at: m.created_at,
        name: m.name,
        phone: m.phone,
        password_hash: m.password_hash,
    })
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<UserRecord>, DbErr> {
    match user::Entity::find_by_id(id).one(db).await? {
        Some(m) => Ok(Some(record(db, m).await?)),
        None => Ok(None),
    }
}

pub async fn find_by_phone(
    db: &impl ConnectionTrait,
    phone: &str,
) -> Result<Option<UserRecord>, DbErr> {
    match user::Entity::find()
        .filter(user::Column::Phone.eq(phone))
        .one(db)
        .await?
    {
        Some(m) => Ok(Some(record(db, m).await?)),
        None => Ok(None),
    }
}

pub async fn find_by_openid(
    db: &impl ConnectionTrait,
    openid: &str,
) -> Result<Option<UserRecord>, DbErr> {
    match user::Entity::find()
        .filter(user::Column::WechatOpenid.eq(openid))
        .one(db)
        .await?
    {
        Some(m) => Ok(Some(record(db, m).await?)),
        None => Ok(None),
    }
}

/// Every account, oldest first.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<UserRecord>, DbErr> {
    let models = user::Entity::find()
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(models.len());
    for m in models {
        out.push(record(db, m).await?);
    }
    Ok(out)
}

/// The active officials of a department, oldest account first.
pub async fn officials_of(
    db: &impl ConnectionTrait,
    department: DepartmentId,
) -> Result<Vec<UserRecord>, DbErr> {
    let models = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Official.as_str()))
        .filter(user::Column::DepartmentId.eq(department.as_str()))
        .filter(user::Column::DisabledAt.is_null())
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(models.len());
    for m in models {
        out.push(record(db, m).await?);
    }
    Ok(out)
}

/// Inserts an account; [`WriteError::Taken`] when the phone number is registered.
pub async fn insert(
    db: &DatabaseTransaction,
    new: NewUser<'_>,
    at: DateTime<Utc>,
) -> Result<i32, WriteError> {
    let row = user::ActiveModel {
        phone: Set(new.phone.to_owned()),
        password_hash: Set(new.password_hash.to_owned()),
        role: Set(new.role.as_str().to_owned()),
        department_id: Set(new.department.map(|d| d.as_str().to_owned())),
        wechat_openid: Set(None),
        disabled_at: Set(None),
        created_at: Set(at),
        name: Set(new.name.map(str::to_owned)),
        ..Default::default()
    };
    let id = user::Entity::insert(row)
        .exec(db)
        .await
        .map_err(write_error)?
        .last_insert_id;
    for j in new.jurisdictions {
        official_jurisdiction::Entity::insert(official_jurisdiction::ActiveModel {
            user_id: Set(id),
            jurisdiction_id: Set(j.as_str().to_owned()),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(id)
}

/// Inserts an owner's business; [`WriteError::Taken`] when the credit code is registered.
pub async fn insert_business(
    db: &DatabaseTransaction,
    user_id: i32,
    b: &BusinessRecord,
    at: DateTime<Utc>,
) -> Result<(), WriteError> {
    business::Entity::insert(business::ActiveModel {
        user_id: Set(user_id),
        credit_code: Set(b.credit_code.clone()),
        business_name: Set(b.business_name.clone()),
        entity_type: Set(b.entity_type.as_str().to_owned()),
        created_at: Set(at),
        verified_at: Set(None),
        verified_by: Set(None),
        verified_department: Set(None),
    })
    .exec_without_returning(db)
    .await
    .map_err(write_error)?;
    Ok(())
}

pub async fn business(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Option<BusinessRecord>, DbErr> {
    business::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map(|b| {
            let verified = match b.verified_at {
                Some(at) => Some(Verification {
                    at,
                    by: b.verified_by,
                    department: b
                        .verified_department
                        .as_deref()
                        .map(super::parse_department)
                        .transpose()?,
                }),
                None => None,
            };
            Ok(BusinessRecord {
                entity_type: parse_wire(EntityType::ALL, EntityType::as_str, &b.entity_type)?,
                business_name: b.business_name,
                credit_code: b.credit_code,
                verified,
            })
        })
        .transpose()
}

/// The account whose business holds `credit_code`, if one does.
pub async fn holder_of(db: &impl ConnectionTrait, credit_code: &str) -> Result<Option<i32>, DbErr> {
    Ok(business::Entity::find()
        .filter(business::Column::CreditCode.eq(credit_code))
        .one(db)
        .await?
        .map(|b| b.user_id))
}

/// Gives an account's business a credit code, or takes it away (`None`);
/// [`WriteError::Taken`] when another account holds it.
pub async fn set_credit_code(
    db: &DatabaseTransaction,
    user_id: i32,
    credit_code: Option<&str>,
) -> Result<(), WriteError> {
    business::Entity::update_many()
        .col_expr(business::Column::CreditCode, Expr::value(credit_code))
        .filter(business::Column::UserId.eq(user_id))
        .exec(db)
        .await
        .map_err(write_error)?;
    Ok(())
}

/// Records that a department checked the business's licence, unless one already did:
/// `false` then (the first check stands).
pub async fn verify_business(
    db: &DatabaseTransaction,
    user_id: i32,
    by: i32,
    department: Option<DepartmentId>,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = business::Entity::update_many()
        .col_expr(business::Column::VerifiedAt, Expr::value(at))
        .col_expr(business::Column::VerifiedBy, Expr::value(by))
        .col_expr(
            business::Column::VerifiedDepartment,
            Expr::value(department.map(|d| d.to_string())),
        )
        .filter(business::Column::UserId.eq(user_id))
        .filter(business::Column::VerifiedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Moves an owner's requests and messages to another account (a merge): their open requests
/// keep their one-per-measure key under the new owner; the idempotency keys of the account
/// merged away are dropped (it is disabled, so nothing retries under them). Returns how many
/// requests moved.
pub async fn move_owner(db: &DatabaseTransaction, from: i32, into: i32) -> Result<u64, DbErr> {
    use super::entities::{idempotency_key, message, request};
    let moved = request::Entity::find()
        .filter(request::Column::OwnerId.eq(from))
        .all(db)
        .await?;
    for r in &moved {
        request::Entity::update_many()
            .col_expr(request::Column::OwnerId, Expr::value(into))
            .col_expr(
                request::Column::OpenKey,
                Expr::value(r.open_key.as_ref().map(|_| format!("{into}:{}", r.measure))),
            )
            .filter(request::Column::Id.eq(r.id))
            .exec(db)
            .await?;
    }
    message::Entity::update_many()
        .col_expr(message::Column::UserId, Expr::value(into))
        .filter(message::Column::UserId.eq(from))
        .exec(db)
        .await?;
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::UserId.eq(from))
        .exec(db)
        .await?;
    Ok(moved.len() as u64)
}

/// The measures an owner has an open request for.
pub async fn open_measures(db: &impl ConnectionTrait, owner: i32) -> Result<Vec<String>, DbErr> {
    use super::entities::request;
    Ok(request::Entity::find()
        .filter(request::Column::OwnerId.eq(owner))
        .filter(request::Column::OpenKey.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.measure)
        .collect())
}

pub async fn update_business(
    db: &DatabaseTransaction,
    user_id: i32,
    business_name: Option<&str>,
    entity_type: Option<EntityType>,
) -> Result<(), DbErr> {
    let mut update = business::Entity::update_many().filter(business::Column::UserId.eq(user_id));
    let mut any = false;
    if let Some(name) = business_name {
        update = update.col_expr(business::Column::BusinessName, Expr::value(name));
        any = true;
    }
    if let Some(t) = entity_type {
        update = update.col_expr(business::Column::EntityType, Expr::value(t.as_str()));
        any = true;
    }
    if any {
        update.exec(db).await?;
    }
    Ok(())
}

/// Records a staff member's name; `false` when no account has the id.
pub async fn set_name(db: &DatabaseTransaction, user_id: i32, name: &str) -> Result<bool, DbErr> {
    let done = user::Entity::update_many()
        .col_expr(user::Column::Name, Expr::value(name))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}

/// The names of these accounts, where recorded (a history's actors).
pub async fn names_of(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<std::collections::HashMap<i32, String>, DbErr> {
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(i32, Option<String>)> = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .column(user::Column::Name)
            .filter(user::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().filter_map(|(id, name)| Some((id, name?))));
    }
    Ok(out)
}

pub async fn set_password(
    db: &DatabaseTransaction,
    user_id: i32,
    password_hash: &str,
) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// [`WriteError::Taken`] when another account has the number.
pub async fn set_phone(
    db: &DatabaseTransaction,
    user_id: i32,
    phone: &str,
) -> Result<(), WriteError> {
    user::Entity::update_many()
        .col_expr(user::Column::Phone, Expr::value(phone))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await
        .map_err(write_error)?;
    Ok(())
}

/// [`WriteError::Taken`] when the openid is bound to another account.
pub async fn set_openid(
    db: &DatabaseTransaction,
    user_id: i32,
    openid: &str,
) -> Result<(), WriteError> {
    user::Entity::update_many()
        .col_expr(user::Column::WechatOpenid, Expr::value(openid))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await
        .map_err(write_error)?;
    Ok(())
}

/// Disables an account; returns whether it was enabled.
pub async fn disable(
    db: &DatabaseTransaction,
    user_id: i32,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = user::Entity::update_many()
        .col_expr(user::Column::DisabledAt, Expr::value(at))
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::DisabledAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Enables a disabled account; returns whether it was disabled.
pub async fn enable(db: &DatabaseTransaction, user_id: i32) -> Result<bool, DbErr> {
    let res = user::Entity::update_many()
        .col_expr(
            user::Column::DisabledAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::DisabledAt.is_not_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// How many administrator accounts are enabled.
pub async fn active_admins(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin.as_str()))
        .filter(user::Column::DisabledAt.is_null())
        .count(db)
        .await
}

/// Replaces an account's department and jurisdictions.
pub async fn set_assignment(
    db: &DatabaseTransaction,
    user_id: i32,
    department: Option<DepartmentId>,
    jurisdictions: &[JurisdictionId],
) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(
            user::Column::DepartmentId,
            Expr::value(department.map(|d| d.as_str().to_owned())),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    official_jurisdiction::Entity::delete_many()
        .filter(official_jurisdiction::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    for j in jurisdictions {
        official_jurisdiction::Entity::insert(official_jurisdiction::ActiveModel {
            user_id: Set(user_id),
            jurisdiction_id: Set(j.as_str().to_owned()),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}
