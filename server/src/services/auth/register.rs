//! An owner opens an account for a business.

use shared::account::Role;
use shared::account::api::{RegisterRequest, TokenResponse, business_name};
use shared::error_code::ErrorCode;

use crate::AppState;
use crate::services::ClientAddr;
use crate::services::Error;
use crate::services::limits::{self, Scope};
use crate::services::passwords;
use crate::store::audit::{self};
use crate::store::users;
use crate::store::users::{BusinessRecord, NewUser};

use super::refresh::start_session;
use super::{entry, field_error, stored_name, taken};

/// An owner opens an account for a business: one account per credit code and per phone.
pub async fn register(
    state: &AppState,
    client: &ClientAddr,
    req: RegisterRequest,
) -> Result<TokenResponse, Error> {
    req.validate().map_err(field_error)?;
    let name = stored_name(business_name(&req.business_name).map_err(field_error)?);
    let phone = req.phone.as_str();
    // Every registration attempt counts, reserved before the password is hashed.
    limits::keep(
        limits::reserve(
            state,
            &[
                (Scope::RegisterAddress, &client.0),
                (Scope::RegisterPhone, phone),
            ],
        )
        .await?,
    );
    let password_hash = passwords::hash(req.password).await?;
    let (id, tokens) = crate::store::write(&state.writer, async |txn| {
        let id = users::insert(
            txn,
            NewUser {
                phone,
                password_hash: &password_hash,
                role: Role::Applicant,
                department: None,
                jurisdictions: &[],
            },
            state.now(),
        )
        .await
        .map_err(taken(
            ErrorCode::PhoneTaken,
            "phone",
            "this phone number is already registered; sign in instead",
        ))?;
        users::insert_business(
            txn,
            id,
            &BusinessRecord {
                business_name: name,
                entity_type: req.entity_type,
                credit_code: req.credit_code.as_str().to_owned(),
            },
            state.now(),
        )
        .await
        .map_err(taken(
            ErrorCode::CreditCodeTaken,
            "credit_code",
            "this unified social credit code already has an account",
        ))?;
        let tokens = start_session(state, txn, id, Role::Applicant).await?;
        audit::record(
            txn,
            state.now(),
            entry(
                "register",
                Some(id),
                Some(Role::Applicant),
                Some(phone),
                client,
            ),
        )
        .await?;
        Ok::<_, Error>((id, tokens))
    })
    .await?;
    tracing::info!(user = id, phone = %req.phone, "owner registered");
    Ok(tokens)
}
