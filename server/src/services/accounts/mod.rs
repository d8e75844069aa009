//! The signed-in account's profile, and staff accounts (created and disabled by
//! administrators, from the CLI or the API).

pub mod claims;
mod error;
mod staff;

pub use error::AccountError;

pub use staff::{
    Operator, assign, create_staff, disable, disable_by_phone, enable, enable_by_phone, list,
    rename, reset_password,
};

use sea_orm::DatabaseConnection;

use sha2::{Digest, Sha256};
use shared::account::api::{BusinessProfile, Me, UpdateMeRequest, business_name};
use shared::credit_code::CreditCode;
use shared::error_code::ErrorCode;

use crate::AppState;
use crate::services::Actor;
use crate::services::Error;
use crate::services::auth::{confirm_password, field_error, phone_of, taken};
use crate::services::limits::{self, Scope};
use crate::store::audit::{self, AuditEntry};
use crate::store::{sessions, users};

/// The account and, for owners, the business.
pub async fn me(db: &DatabaseConnection, caller: &Actor) -> Result<Me, AccountError> {
    let user = users::find(db, caller.id)
        .await?
        .ok_or(Error::Unauthorized("the access token is not valid"))?;
    let business = match users::business(db, user.id).await? {
        Some(b) => Some(BusinessProfile {
            business_name: b.business_name,
            entity_type: b.entity_type,
            credit_code: b
                .credit_code
                .as_deref()
                .map(CreditCode::parse)
                .transpose()
                .map_err(|e| Error::Internal(format!("a stored credit code is malformed: {e}")))?,
        }),
        None => None,
    };
    Ok(Me {
        id: i64::from(user.id),
        phone: phone_of(&user.phone)?,
        name: user.name.clone(),
        role: user.role,
        department: user.department,
        jurisdictions: user.jurisdictions,
        claim: match user.role {
            shared::account::Role::Applicant => crate::store::claims::latest_of(db, user.id)
                .await?
                .as_ref()
                .map(claims::claimant_view)
                .transpose()?,
            _ => None,
        },
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
) -> Result<Me, AccountError> {
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
        return Err(AccountError::Stale);
    }
    if current.business.is_none() {
        if name.is_some() {
            return Err(Error::field(
                "business_name",
                "only business owners have a business profile",
            )
            .into());
        }
        if req.entity_type.is_some() {
            return Err(Error::field(
                "entity_type",
                "only business owners have a business profile",
            )
            .into());
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
        Ok::<_, AccountError>(())
    })
    .await?;
    me(&state.db, caller).await
}
