//! Changing a password, and checking it before a sensitive change.

use shared::account::api::{ChangePasswordRequest, TokenResponse};
use shared::account::check_password;

use crate::AppState;
use crate::services::Actor;
use crate::services::passwords;
use crate::services::{AccountError, Error};
use crate::store::audit::{self};
use crate::store::{sessions, users};

use super::entry;
use super::refresh::start_session;
use super::sign_in::checked_password;

/// Changes the password and signs out every session, returning a new one.
pub async fn change_password(
    state: &AppState,
    caller: &Actor,
    req: ChangePasswordRequest,
) -> Result<TokenResponse, AccountError> {
    let client = &caller.address;
    let user = users::find(&state.db, caller.id)
        .await?
        .ok_or(Error::Unauthorized("the access token is not valid"))?;
    check_password(&req.new_password, Some(&user.phone))
        .map_err(|e| Error::field("new_password", e.to_string()))?;
    if !checked_password(
        state,
        &user.phone,
        req.current_password,
        &user.password_hash,
    )
    .await?
    {
        return Err(AccountError::InvalidCredentials(
            "current_password: the current password is not correct",
        ));
    }
    let password_hash = passwords::hash(req.new_password).await?;
    let tokens = crate::store::write(&state.writer, async |txn| {
        users::set_password(txn, user.id, &password_hash).await?;
        sessions::revoke_all(txn, user.id, "password_changed", state.now()).await?;
        let tokens = start_session(state, txn, user.id, user.role).await?;
        audit::record(
            txn,
            state.now(),
            entry(
                "password_changed",
                Some(user.id),
                Some(user.role),
                Some(&user.phone),
                client,
            ),
        )
        .await?;
        Ok::<_, AccountError>(tokens)
    })
    .await?;
    Ok(tokens)
}

/// Checks a caller's password (before a sensitive change).
pub async fn confirm_password(
    state: &AppState,
    user_id: i32,
    password: Option<String>,
    why: &'static str,
) -> Result<(), AccountError> {
    let password = password.ok_or_else(|| Error::field("password", why))?;
    let user = users::find(&state.db, user_id)
        .await?
        .ok_or(Error::Unauthorized("the access token is not valid"))?;
    if checked_password(state, &user.phone, password, &user.password_hash).await? {
        Ok(())
    } else {
        Err(AccountError::InvalidCredentials(
            "password: the password is not correct",
        ))
    }
}
