//! Sessions: a refresh-token family opened at sign-in, its tokens rotated (with a short grace
//! for calls sent at once), a reuse taken as theft, and signing out.

use sea_orm::DatabaseTransaction;
use shared::account::Role;
use shared::account::api::{RefreshRequest, TokenResponse};
use shared::account::claims::ACCESS_TOKEN_SECONDS;

use crate::AppState;
use crate::services::ClientAddr;
use crate::services::tokens::{random_hex, sha256_hex};
use crate::services::{AccountError, Error};
use crate::store::audit::{self};
use crate::store::{sessions, users};

use super::entry;

/// Opens a session: a refresh-token family and its first tokens.
pub async fn start_session(
    state: &AppState,
    db: &DatabaseTransaction,
    user_id: i32,
    role: Role,
) -> Result<TokenResponse, AccountError> {
    let session_id = random_hex(16)?;
    sessions::create(db, &session_id, user_id, state.now()).await?;
    let refresh_token = issue_refresh(state, db, &session_id).await?;
    Ok(TokenResponse {
        access_token: state.tokens.access(user_id, role, &session_id)?,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TOKEN_SECONDS,
    })
}

pub(super) async fn issue_refresh(
    state: &AppState,
    db: &DatabaseTransaction,
    session_id: &str,
) -> Result<String, AccountError> {
    let token = random_hex(32)?;
    store_refresh(state, db, session_id, token).await
}

/// Stores a refresh token's hash for a session and returns the token.
pub(super) async fn store_refresh(
    state: &AppState,
    db: &DatabaseTransaction,
    session_id: &str,
    token: String,
) -> Result<String, AccountError> {
    let ttl =
        chrono::Duration::from_std(state.refresh_token_ttl).map_err(|e| Error::internal(&e))?;
    let now = state.now();
    sessions::insert_refresh(db, &sha256_hex(&token), session_id, now, now + ttl).await?;
    Ok(token)
}

const BAD_REFRESH: &str = "the refresh token is not valid; sign in again";

/// How long after a refresh token is exchanged presenting it again still gets the same new
/// pair: the calls of one page that found the access token expired at once.
pub const REFRESH_GRACE: chrono::TimeDelta = chrono::TimeDelta::seconds(10);

/// Exchanges a refresh token for a new pair. A refresh token works once: presenting a used
/// one again signs the whole session out (it was stolen, or the client is confused), but for
/// [`REFRESH_GRACE`] after its exchange, when it gets the same successor again.
pub async fn refresh(
    state: &AppState,
    client: &ClientAddr,
    req: RefreshRequest,
) -> Result<TokenResponse, AccountError> {
    let presented = req.refresh_token.trim();
    let hash = sha256_hex(presented);
    let record = sessions::find_refresh(&state.db, &hash)
        .await?
        .ok_or(Error::Unauthorized(BAD_REFRESH))?;
    if record.session_revoked {
        return Err(Error::Unauthorized(BAD_REFRESH).into());
    }
    if let Some(used_at) = record.used_at {
        return again(state, client, presented, &record, used_at).await;
    }
    if record.expires_at <= state.now() {
        return Err(AccountError::TokenExpired(
            "the refresh token has expired; sign in again",
        ));
    }
    let user = users::find(&state.db, record.user_id)
        .await?
        .filter(|u| !u.disabled)
        .ok_or(Error::Unauthorized(BAD_REFRESH))?;
    let exchanged = crate::store::write(&state.writer, async |txn| {
        if !sessions::mark_used(txn, &hash, state.now()).await? {
            return Ok(None);
        }
        let successor = state.tokens.successor(presented)?;
        Ok::<_, AccountError>(Some(
            store_refresh(state, txn, &record.session_id, successor).await?,
        ))
    })
    .await?;
    let Some(refresh_token) = exchanged else {
        // Exchanged meanwhile by a call presenting the same token: the same successor.
        return again(state, client, presented, &record, state.now()).await;
    };
    Ok(TokenResponse {
        access_token: state
            .tokens
            .access(user.id, user.role, &record.session_id)?,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TOKEN_SECONDS,
    })
}

/// A refresh token presented after it was exchanged: within the grace period, while its
/// successor is unused, the same successor with a new access token; otherwise reuse.
async fn again(
    state: &AppState,
    client: &ClientAddr,
    presented: &str,
    record: &sessions::RefreshRecord,
    used_at: chrono::DateTime<chrono::Utc>,
) -> Result<TokenResponse, AccountError> {
    if state.now() - used_at <= REFRESH_GRACE {
        let successor = state.tokens.successor(presented)?;
        let next = sessions::find_refresh(&state.db, &sha256_hex(&successor)).await?;
        if let Some(next) = next.filter(|n| {
            n.session_id == record.session_id && n.used_at.is_none() && !n.session_revoked
        }) {
            let user = users::find(&state.db, next.user_id)
                .await?
                .filter(|u| !u.disabled)
                .ok_or(Error::Unauthorized(BAD_REFRESH))?;
            tracing::info!(
                user = user.id,
                "a refresh token presented again within the grace period"
            );
            return Ok(TokenResponse {
                access_token: state.tokens.access(user.id, user.role, &next.session_id)?,
                refresh_token: successor,
                token_type: "Bearer".into(),
                expires_in: ACCESS_TOKEN_SECONDS,
            });
        }
    }
    Err(reuse(state, client, &record.session_id, record.user_id).await)
}

async fn reuse(
    state: &AppState,
    client: &ClientAddr,
    session_id: &str,
    user_id: i32,
) -> AccountError {
    let revoked = crate::store::write(&state.writer, async |txn| {
        sessions::revoke(txn, session_id, "refresh_token_reused", state.now()).await?;
        let mut e = entry("refresh_token_reused", None, None, None, client);
        e.target_id = Some(user_id);
        audit::record(txn, state.now(), e).await
    })
    .await;
    tracing::warn!(user = user_id, client = %client.0, "a used refresh token was presented again: session revoked");
    match revoked {
        Ok(()) => Error::Unauthorized(
            "this refresh token was already used; the session has been signed out",
        )
        .into(),
        Err(e) => e.into(),
    }
}

/// Signs a session out: its refresh token and access tokens stop working. Unknown tokens
/// are ignored (signing out twice is not an error).
pub async fn logout(
    state: &AppState,
    client: &ClientAddr,
    req: RefreshRequest,
) -> Result<(), AccountError> {
    let hash = sha256_hex(req.refresh_token.trim());
    let Some(record) = sessions::find_refresh(&state.db, &hash).await? else {
        return Ok(());
    };
    crate::store::write(&state.writer, async |txn| {
        if sessions::revoke(txn, &record.session_id, "logout", state.now()).await? {
            let mut e = entry("logout", Some(record.user_id), None, None, client);
            e.target_id = Some(record.user_id);
            audit::record(txn, state.now(), e).await?;
        }
        Ok::<_, sea_orm::DbErr>(())
    })
    .await?;
    Ok(())
}
