//! Credit codes taken back and given to whom they belong: an administrator releases a code
//! from the account holding it, and grants or refuses an owner's claim on one. Every step in
//! the audit log, the code masked there.

use shared::account::Role;
use shared::account::code_claim::{
    self, ClaimDecision, ClaimList, ClaimParty, ClaimReview, ClaimState, ClaimView, MergeOutcome,
    MergeRequest, ReleaseCodeRequest, ReleaseOutcome,
};
use shared::credit_code::{CreditCode, mask_credit_code};
use shared::error_code::ErrorCode;

use crate::AppState;
use crate::services::auth::{field_error, taken};
use crate::services::{AccountError, Actor, Error};
use crate::store::WriteError;
use crate::store::audit;
use crate::store::claims::{self, ClaimRecord};
use crate::store::sessions;
use crate::store::users::{self, UserRecord};

use super::Operator;

/// The claims an administrator reviews: pending ones by default, oldest first.
const LISTED: u64 = 200;

fn stored_code(code: &str) -> Result<CreditCode, Error> {
    CreditCode::parse(code)
        .map_err(|e| Error::Internal(format!("a stored credit code is malformed: {e}")))
}

/// Taking a code away violates no uniqueness: whatever fails is the database's.
fn released(e: WriteError) -> AccountError {
    match e {
        WriteError::Db(e) => e.into(),
        WriteError::Taken => {
            Error::Internal("releasing a credit code met a unique key".into()).into()
        }
    }
}

/// Takes the code back from the account `holder` (its business keeps its name, without a
/// code) and audits it with `detail`: the account as it is now.
async fn take_back(
    txn: &sea_orm::DatabaseTransaction,
    operator: &Operator,
    holder: i32,
    detail: String,
) -> Result<UserRecord, AccountError> {
    users::set_credit_code(txn, holder, None)
        .await
        .map_err(released)?;
    let held_by = users::find(txn, holder)
        .await?
        .ok_or_else(|| Error::Internal("the holder of a code is gone".into()))?;
    audit::record(
        txn,
        operator.at,
        operator.entry("credit_code_released", &held_by, detail),
    )
    .await?;
    Ok(held_by)
}

/// A claim as its claimant sees it.
pub fn claimant_view(c: &ClaimRecord) -> Result<ClaimView, AccountError> {
    Ok(ClaimView {
        id: i64::from(c.id),
        credit_code: stored_code(&c.credit_code)?,
        status: c.status,
        filed_at: c.filed_at,
        decided_at: c.decided_at,
        reason: c.reason.clone(),
    })
}

async fn party(state: &AppState, user: &UserRecord) -> Result<ClaimParty, AccountError> {
    let business = users::business(&state.db, user.id).await?;
    Ok(ClaimParty {
        user_id: i64::from(user.id),
        phone_masked: shared::account::phone::mask(&user.phone),
        business_name: business
            .as_ref()
            .map(|b| b.business_name.clone())
            .unwrap_or_default(),
        registered_at: user.created_at,
        disabled: user.disabled,
        requests: claims::requests_filed(&state.db, user.id).await?,
        verified: business.is_some_and(|b| b.verified.is_some()),
    })
}

async fn party_of(state: &AppState, user_id: i32) -> Result<ClaimParty, AccountError> {
    let user = users::find(&state.db, user_id)
        .await?
        .ok_or_else(|| Error::Internal(format!("account #{user_id} of a claim is gone")))?;
    party(state, &user).await
}

async fn review(state: &AppState, c: ClaimRecord) -> Result<ClaimReview, AccountError> {
    let holder = match users::holder_of(&state.db, &c.credit_code).await? {
        Some(id) => Some(party_of(state, id).await?),
        None => None,
    };
    Ok(ClaimReview {
        id: i64::from(c.id),
        credit_code: stored_code(&c.credit_code)?,
        entity_type: c.entity_type,
        claimant: party_of(state, c.claimant_id).await?,
        holder,
        statement: c.statement,
        status: c.status,
        filed_at: c.filed_at,
        decided_at: c.decided_at,
        reason: c.reason,
    })
}

/// The claims in `status` (pending when not asked), oldest first.
pub async fn list(
    state: &AppState,
    _admin: &Actor,
    status: Option<ClaimState>,
) -> Result<ClaimList, AccountError> {
    let status = status.unwrap_or(ClaimState::Pending);
    let mut out = Vec::new();
    for c in claims::list(&state.db, Some(status), LISTED).await? {
        out.push(review(state, c).await?);
    }
    Ok(ClaimList { claims: out })
}

/// Grants a claim (the code moves to the claimant, released from the account holding it) or
/// refuses it (the code stays; the reason is shown to the claimant).
pub async fn decide(
    state: &AppState,
    admin: &Actor,
    id: i64,
    body: ClaimDecision,
) -> Result<ClaimReview, AccountError> {
    let reason = code_claim::statement("reason", &body.reason, 2).map_err(field_error)?;
    let not_found = || Error::NotFound("no such claim");
    let id = i32::try_from(id).map_err(|_| not_found())?;
    let c = claims::find(&state.db, id).await?.ok_or_else(not_found)?;
    let operator = Operator::admin(state, admin);
    let claimant = users::find(&state.db, c.claimant_id)
        .await?
        .ok_or_else(not_found)?;
    crate::store::write(&state.writer, async |txn| {
        let to = if body.grant {
            ClaimState::Granted
        } else {
            ClaimState::Refused
        };
        if !claims::decide(txn, c.id, to, admin.id, &reason, operator.at).await? {
            return Err(AccountError::NotNow("this claim was decided already"));
        }
        let masked = mask_credit_code(&c.credit_code);
        if body.grant {
            if let Some(holder) = users::holder_of(txn, &c.credit_code).await?
                && holder != c.claimant_id
            {
                take_back(
                    txn,
                    &operator,
                    holder,
                    format!("{masked} for claim #{}: {reason}", c.id),
                )
                .await?;
            }
            users::set_credit_code(txn, c.claimant_id, Some(&c.credit_code))
                .await
                .map_err(taken(
                    ErrorCode::CreditCodeTaken,
                    "credit_code",
                    "another account holds this code",
                ))?;
        }
        audit::record(
            txn,
            operator.at,
            operator.entry(
                if body.grant {
                    "credit_code_claim_granted"
                } else {
                    "credit_code_claim_refused"
                },
                &claimant,
                format!("claim #{} on {masked}: {reason}", c.id),
            ),
        )
        .await?;
        Ok::<_, AccountError>(())
    })
    .await?;
    tracing::info!(
        claim = c.id,
        grant = body.grant,
        "a credit code claim was decided"
    );
    let decided = claims::find(&state.db, id).await?.ok_or_else(not_found)?;
    review(state, decided).await
}

/// Takes a code back from the account holding it: the account keeps its business's name and
/// its requests, without the code, and cannot file until it has one again.
pub async fn release(
    state: &AppState,
    admin: &Actor,
    body: ReleaseCodeRequest,
) -> Result<ReleaseOutcome, AccountError> {
    let reason = code_claim::statement("reason", &body.reason, 2).map_err(field_error)?;
    let code = body.credit_code.as_str();
    let operator = Operator::admin(state, admin);
    let holder = crate::store::write(&state.writer, async |txn| {
        let holder = users::holder_of(txn, code)
            .await?
            .ok_or(Error::NotFound("no account holds this credit code"))?;
        take_back(
            txn,
            &operator,
            holder,
            format!("{}: {reason}", mask_credit_code(code)),
        )
        .await
    })
    .await?;
    tracing::info!(user = holder.id, "a credit code was released");
    Ok(ReleaseOutcome {
        released_from: party(state, &holder).await?,
    })
}

/// Merges an owner's account into another owner's: the requests and messages move, the
/// credit code too when only the merged account has one, and the merged account is disabled
/// (signed out). Two accounts that each hold a code are two businesses and are not merged;
/// nor are two with an open request for the same measure (one relief per business).
pub async fn merge(
    state: &AppState,
    admin: &Actor,
    from: i64,
    body: MergeRequest,
) -> Result<MergeOutcome, AccountError> {
    let reason = code_claim::statement("reason", &body.reason, 2).map_err(field_error)?;
    let not_found = || Error::NotFound("no such user");
    let from = i32::try_from(from).map_err(|_| not_found())?;
    let merged = users::find(&state.db, from).await?.ok_or_else(not_found)?;
    let not_owner = || Error::field("into", "an enabled owner's account other than this one");
    let into_id = i32::try_from(body.into).map_err(|_| not_owner())?;
    let into = users::find(&state.db, into_id)
        .await?
        .ok_or_else(not_owner)?;
    if merged.role != Role::Applicant {
        return Err(Error::Forbidden("only owners' accounts are merged").into());
    }
    if into.id == merged.id || into.role != Role::Applicant || into.disabled {
        return Err(not_owner().into());
    }
    let operator = Operator::admin(state, admin);
    let moved = crate::store::write(&state.writer, async |txn| {
        let from_business = users::business(txn, merged.id).await?;
        let into_business = users::business(txn, into.id).await?;
        let from_code = from_business.and_then(|b| b.credit_code);
        let into_has_code = into_business.as_ref().is_some_and(|b| b.credit_code.is_some());
        if from_code.is_some() && into_has_code {
            return Err(AccountError::Taken {
                code: ErrorCode::CreditCodeTaken,
                field: "into",
                message: "both accounts hold a credit code: they are two businesses (release one code first if one is not theirs)",
            });
        }
        let theirs = users::open_measures(txn, into.id).await?;
        let both: Vec<String> = users::open_measures(txn, merged.id)
            .await?
            .into_iter()
            .filter(|m| theirs.contains(m))
            .collect();
        if !both.is_empty() {
            return Err(AccountError::OpenRequests {
                measures: both.join(", "),
            });
        }
        let moved = users::move_owner(txn, merged.id, into.id).await?;
        if let (Some(code), true) = (&from_code, into_business.is_some()) {
            users::set_credit_code(txn, merged.id, None)
                .await
                .map_err(released)?;
            users::set_credit_code(txn, into.id, Some(code))
                .await
                .map_err(taken(
                    ErrorCode::CreditCodeTaken,
                    "into",
                    "another account holds this code",
                ))?;
        }
        users::disable(txn, merged.id, operator.at).await?;
        sessions::revoke_all(txn, merged.id, "account_merged", operator.at).await?;
        audit::record(
            txn,
            operator.at,
            operator.entry(
                "accounts_merged",
                &into,
                format!(
                    "#{} merged into #{}: {moved} requests{}; {reason}",
                    merged.id,
                    into.id,
                    if from_code.is_some() && into_business.is_some() {
                        " and the credit code"
                    } else {
                        ""
                    }
                ),
            ),
        )
        .await?;
        Ok::<_, AccountError>(moved)
    })
    .await?;
    tracing::info!(from = merged.id, into = into.id, moved, "accounts merged");
    let merged = users::find(&state.db, merged.id)
        .await?
        .ok_or_else(not_found)?;
    Ok(MergeOutcome {
        merged: party(state, &merged).await?,
        into: party_of(state, into.id).await?,
        requests_moved: moved,
    })
}
