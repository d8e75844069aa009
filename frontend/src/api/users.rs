//! The officials' accounts, as an administrator keeps them (`/admin/users`).

use shared::account::api::{
    AssignRequest, CreateUserRequest, RenameRequest, ResetPasswordRequest, UserList, UserView,
};
use shared::account::code_claim::{
    ClaimDecision, ClaimList, ClaimReview, ClaimState, MergeOutcome, MergeRequest,
    ReleaseCodeRequest, ReleaseOutcome,
};

use super::{Error, Session, V1, authed, body, get, json, v1, with_body};

pub async fn list(s: &dyn Session) -> Result<UserList, Error> {
    json(get(s, v1!("/admin/users")).await?)
}

pub async fn create(s: &dyn Session, user: &CreateUserRequest) -> Result<UserView, Error> {
    let user = body(user)?;
    json(with_body(s, "POST", v1!("/admin/users"), &user).await?)
}

/// Disables an account: it is signed out at once and cannot sign in.
pub async fn disable(s: &dyn Session, id: i64) -> Result<(), Error> {
    let path = format!("{V1}/admin/users/{id}/disable");
    json::<serde_json::Value>(authed(s, "POST", &path, &[], None).await?).map(|_| ())
}

pub async fn enable(s: &dyn Session, id: i64) -> Result<(), Error> {
    let path = format!("{V1}/admin/users/{id}/enable");
    json::<serde_json::Value>(authed(s, "POST", &path, &[], None).await?).map(|_| ())
}

/// An official's department and jurisdictions.
pub async fn assign(
    s: &dyn Session,
    id: i64,
    assignment: &AssignRequest,
) -> Result<UserView, Error> {
    let assignment = body(assignment)?;
    json(
        with_body(
            s,
            "PUT",
            &format!("{V1}/admin/users/{id}/assignment"),
            &assignment,
        )
        .await?,
    )
}

/// A staff member's name.
pub async fn rename(s: &dyn Session, id: i64, name: &RenameRequest) -> Result<UserView, Error> {
    let name = body(name)?;
    json(with_body(s, "PUT", &format!("{V1}/admin/users/{id}/name"), &name).await?)
}

/// A new password for an account whose holder forgot theirs (its sessions are signed out).
pub async fn reset_password(
    s: &dyn Session,
    id: i64,
    password: &ResetPasswordRequest,
) -> Result<UserView, Error> {
    let password = body(password)?;
    json(
        with_body(
            s,
            "PUT",
            &format!("{V1}/admin/users/{id}/password"),
            &password,
        )
        .await?,
    )
}

/// The claims on credit codes in `status` (pending when `None`), oldest first.
pub async fn claims(s: &dyn Session, status: Option<ClaimState>) -> Result<ClaimList, Error> {
    match status {
        Some(st) => json(get(s, &format!("{V1}/admin/claims?status={}", st.as_str())).await?),
        None => json(get(s, v1!("/admin/claims")).await?),
    }
}

/// Grants a claim (the code moves to the claimant) or refuses it, with the reason.
pub async fn decide_claim(
    s: &dyn Session,
    id: i64,
    decision: &ClaimDecision,
) -> Result<ClaimReview, Error> {
    let decision = body(decision)?;
    json(
        with_body(
            s,
            "POST",
            &format!("{V1}/admin/claims/{id}/decision"),
            &decision,
        )
        .await?,
    )
}

/// Takes a credit code back from the account holding it.
pub async fn release_code(
    s: &dyn Session,
    release: &ReleaseCodeRequest,
) -> Result<ReleaseOutcome, Error> {
    let release = body(release)?;
    json(with_body(s, "POST", v1!("/admin/credit-codes/release"), &release).await?)
}

/// Merges an owner's account (`from`) into another owner's.
pub async fn merge(
    s: &dyn Session,
    from: i64,
    merge: &MergeRequest,
) -> Result<MergeOutcome, Error> {
    let merge = body(merge)?;
    json(with_body(s, "POST", &format!("{V1}/admin/users/{from}/merge"), &merge).await?)
}
