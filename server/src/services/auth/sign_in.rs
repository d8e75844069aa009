//! Signing in with a phone number and password, within the attempt limits.

use shared::account::api::{LoginRequest, TokenResponse};

use crate::AppState;
use crate::services::AccountError;
use crate::services::ClientAddr;
use crate::services::limits::{self, Scope};
use crate::services::passwords;
use crate::store::audit::{self};
use crate::store::users;

use super::refresh::start_session;
use super::{WRONG_CREDENTIALS, entry};

/// Sign-in with phone and password. Failures are counted per phone and per address.
pub async fn login(
    state: &AppState,
    client: &ClientAddr,
    req: LoginRequest,
) -> Result<TokenResponse, AccountError> {
    let phone = req.phone.as_str();
    // The attempt is reserved before the password is verified: of a burst sent at once, those
    // past the limit are refused before any is verified.
    let reservation = limits::reserve(
        state,
        &[(Scope::LoginPhone, phone), (Scope::LoginAddress, &client.0)],
    )
    .await?;
    let user = users::find_by_phone(&state.db, phone).await?;
    let verified = match &user {
        Some(u) => passwords::verify(req.password, u.password_hash.clone()).await,
        None => {
            // As slow as a real check, so timing does not tell which numbers have accounts.
            match state
                .dummy_hash
                .get_or_try_init(|| passwords::hash("not a password of anyone".into()))
                .await
            {
                Ok(dummy) => passwords::verify(req.password, dummy.clone())
                    .await
                    .map(|_| false),
                Err(e) => Err(e),
            }
        }
    };
    let matches = match verified {
        Ok(m) => m,
        Err(e) => {
            // Not verified (the server was busy): the attempt does not count.
            limits::release(state, reservation).await?;
            return Err(e.into());
        }
    };
    let Some(user) = user.filter(|_| matches) else {
        limits::keep(reservation);
        let e = entry("login_failed", None, None, Some(phone), client);
        crate::store::write(&state.writer, async |txn| {
            audit::record(txn, state.now(), e).await
        })
        .await?;
        tracing::info!(phone = %req.phone, client = %client.0, "failed sign-in");
        return Err(AccountError::InvalidCredentials(WRONG_CREDENTIALS));
    };
    limits::release(state, reservation).await?;
    if user.disabled {
        let e = entry(
            "login_refused_disabled",
            Some(user.id),
            Some(user.role),
            Some(phone),
            client,
        );
        crate::store::write(&state.writer, async |txn| {
            audit::record(txn, state.now(), e).await
        })
        .await?;
        return Err(AccountError::Disabled);
    }
    limits::clear(state, Scope::LoginPhone, phone).await?;
    let tokens = crate::store::write(&state.writer, async |txn| {
        let tokens = start_session(state, txn, user.id, user.role).await?;
        audit::record(
            txn,
            state.now(),
            entry("login", Some(user.id), Some(user.role), Some(phone), client),
        )
        .await?;
        Ok::<_, AccountError>(tokens)
    })
    .await?;
    tracing::info!(user = user.id, role = %user.role, "signed in");
    Ok(tokens)
}

/// Verifies a signed-in account's password, counting failures like failed sign-ins, so a
/// stolen access token cannot be used to guess the password.
pub(super) async fn checked_password(
    state: &AppState,
    phone: &str,
    password: String,
    hash: &str,
) -> Result<bool, AccountError> {
    let reservation = limits::reserve(state, &[(Scope::LoginPhone, phone)]).await?;
    match passwords::verify(password, hash.to_owned()).await {
        Ok(false) => {
            limits::keep(reservation);
            Ok(false)
        }
        Ok(true) => {
            limits::release(state, reservation).await?;
            Ok(true)
        }
        Err(e) => {
            limits::release(state, reservation).await?;
            Err(e.into())
        }
    }
}
