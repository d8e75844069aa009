//! An owner opens an account for a business.

use shared::account::Role;
use shared::account::api::{RegisterRequest, TokenResponse, business_name};
use shared::account::code_claim::{self, ClaimRequest};
use shared::error_code::ErrorCode;

use crate::AppState;
use crate::services::ClientAddr;
use crate::services::limits::{self, Scope};
use crate::services::passwords;
use crate::services::{AccountError, Error};
use crate::store::audit::{self};
use crate::store::claims::{self, NewClaim};
use crate::store::users;
use crate::store::users::{BusinessRecord, NewUser};

use super::refresh::start_session;
use super::{entry, field_error, stored_name, taken};

/// An owner opens an account for a business: one account per credit code and per phone.
pub async fn register(
    state: &AppState,
    client: &ClientAddr,
    req: RegisterRequest,
) -> Result<TokenResponse, AccountError> {
    req.validate().map_err(field_error)?;
    open_account(state, client, req, None).await
}

/// An owner who found their business's code held by another account opens their account
/// and claims the code: the business is kept without it until an administrator grants the
/// claim. A code no account holds (any more) is simply registered.
pub async fn claim(
    state: &AppState,
    client: &ClientAddr,
    req: ClaimRequest,
) -> Result<TokenResponse, AccountError> {
    req.validate().map_err(field_error)?;
    let statement = code_claim::statement("statement", &req.statement, 10).map_err(field_error)?;
    open_account(state, client, req.registration, Some(statement)).await
}

/// Opens the account (checked already); with a statement, a code held by another account is
/// claimed instead of refused.
async fn open_account(
    state: &AppState,
    client: &ClientAddr,
    req: RegisterRequest,
    statement: Option<String>,
) -> Result<TokenResponse, AccountError> {
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
                name: None,
            },
            state.now(),
        )
        .await
        .map_err(taken(
            ErrorCode::PhoneTaken,
            "phone",
            "this phone number is already registered; sign in instead",
        ))?;
        let code = req.credit_code.as_str();
        let claimed = match &statement {
            Some(_) => users::holder_of(txn, code).await?.is_some(),
            None => false,
        };
        users::insert_business(
            txn,
            id,
            &BusinessRecord {
                business_name: name.clone(),
                entity_type: req.entity_type,
                credit_code: (!claimed).then(|| code.to_owned()),
                verified: None,
            },
            state.now(),
        )
        .await
        .map_err(taken(
            ErrorCode::CreditCodeTaken,
            "credit_code",
            "this unified social credit code already has an account: sign in, or claim it",
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
        if let (true, Some(statement)) = (claimed, &statement) {
            let claim = claims::insert(
                txn,
                NewClaim {
                    credit_code: code,
                    claimant_id: id,
                    business_name: &name,
                    entity_type: req.entity_type,
                    statement,
                    at: state.now(),
                },
            )
            .await?;
            let mut entry = entry(
                "credit_code_claimed",
                Some(id),
                Some(Role::Applicant),
                Some(phone),
                client,
            );
            entry.detail = Some(format!(
                "claim #{claim} on {}",
                shared::credit_code::mask_credit_code(code)
            ));
            audit::record(txn, state.now(), entry).await?;
        }
        Ok::<_, AccountError>((id, tokens))
    })
    .await?;
    tracing::info!(user = id, phone = %req.phone, "owner registered");
    Ok(tokens)
}

/// A signed-in owner whose business holds no code (a claim refused, or the code released
/// from the account) claims one: a code no account holds is given at once, one held by
/// another account waits for an administrator. One claim waits at a time.
pub async fn claim_again(
    state: &AppState,
    owner: &crate::services::Actor,
    req: code_claim::ClaimAgainRequest,
) -> Result<shared::account::api::Me, AccountError> {
    let statement = code_claim::statement("statement", &req.statement, 10).map_err(field_error)?;
    let business = users::business(&state.db, owner.id)
        .await?
        .ok_or(Error::Forbidden("only owners claim a business's code"))?;
    if business.credit_code.is_some() {
        return Err(AccountError::NotNow(
            "the account's business holds a credit code already",
        ));
    }
    if claims::latest_of(&state.db, owner.id)
        .await?
        .is_some_and(|c| c.status == code_claim::ClaimState::Pending)
    {
        return Err(AccountError::NotNow(
            "a claim of this account waits for an administrator already",
        ));
    }
    // Claims count as registrations do: codes cannot be tried at will.
    limits::keep(limits::reserve(state, &[(Scope::RegisterAddress, &owner.address.0)]).await?);
    let code = req.credit_code.as_str();
    crate::store::write(&state.writer, async |txn| {
        let (action, detail) = if users::holder_of(txn, code).await?.is_none() {
            users::set_credit_code(txn, owner.id, Some(code))
                .await
                .map_err(taken(
                    ErrorCode::CreditCodeTaken,
                    "credit_code",
                    "another account registered this code a moment ago: claim it again",
                ))?;
            (
                "credit_code_registered",
                shared::credit_code::mask_credit_code(code),
            )
        } else {
            let id = claims::insert(
                txn,
                NewClaim {
                    credit_code: code,
                    claimant_id: owner.id,
                    business_name: &business.business_name,
                    entity_type: business.entity_type,
                    statement: &statement,
                    at: state.now(),
                },
            )
            .await?;
            (
                "credit_code_claimed",
                format!(
                    "claim #{id} on {}",
                    shared::credit_code::mask_credit_code(code)
                ),
            )
        };
        let mut entry = entry(
            action,
            Some(owner.id),
            Some(owner.role),
            None,
            &owner.address,
        );
        entry.detail = Some(detail);
        audit::record(txn, state.now(), entry).await?;
        Ok::<_, AccountError>(())
    })
    .await?;
    crate::services::accounts::me(&state.db, owner).await
}
