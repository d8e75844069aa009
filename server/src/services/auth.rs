//! Registration, sign-in, refresh-token rotation, sign-out and password change.

use sea_orm::DatabaseTransaction;
use shared::account::api::{
    ChangePasswordRequest, FieldError, LoginRequest, RefreshRequest, RegisterRequest,
    TokenResponse, business_name,
};
use shared::account::claims::ACCESS_TOKEN_SECONDS;
use shared::account::{Phone, Role, check_password};
use shared::error_code::ErrorCode;

use crate::AppState;
use crate::services::Error;
use crate::services::limits::{self, Scope};
use crate::services::passwords;
use crate::services::tokens::{random_hex, sha256_hex};
use crate::services::{Actor, ClientAddr};
use crate::store::audit::{self, AuditEntry};
use crate::store::users::{BusinessRecord, NewUser};
use crate::store::{WriteError, sessions, users};

const WRONG_CREDENTIALS: &str = "the phone number or password is not correct";

/// A checked business name as it is stored: NFKC-normalised, so full-width letters and
/// compatibility forms are the plain ones and two names that look alike are alike.
pub fn stored_name(name: String) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfkc().collect()
}

pub fn field_error(e: FieldError) -> Error {
    Error::field(e.field, e.problem)
}

/// Maps a unique-constraint violation to its 409.
pub fn taken(
    code: ErrorCode,
    field: &'static str,
    message: &'static str,
) -> impl Fn(WriteError) -> Error {
    move |e| match e {
        WriteError::Taken => Error::Taken {
            code,
            field,
            message,
        },
        WriteError::Db(e) => e.into(),
    }
}

/// An audit entry about an account, by itself.
pub fn entry(
    action: &str,
    user_id: Option<i32>,
    role: Option<Role>,
    phone: Option<&str>,
    client: &ClientAddr,
) -> AuditEntry {
    AuditEntry {
        actor_id: user_id,
        actor_role: role.map(|r| r.as_str().to_owned()),
        action: action.to_owned(),
        target_id: user_id,
        phone_masked: phone.map(shared::account::phone::mask),
        client_addr: Some(client.0.clone()),
        detail: None,
    }
}

/// Opens a session: a refresh-token family and its first tokens.
pub async fn start_session(
    state: &AppState,
    db: &DatabaseTransaction,
    user_id: i32,
    role: Role,
) -> Result<TokenResponse, Error> {
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

async fn issue_refresh(
    state: &AppState,
    db: &DatabaseTransaction,
    session_id: &str,
) -> Result<String, Error> {
    let token = random_hex(32)?;
    store_refresh(state, db, session_id, token).await
}

/// Stores a refresh token's hash for a session and returns the token.
async fn store_refresh(
    state: &AppState,
    db: &DatabaseTransaction,
    session_id: &str,
    token: String,
) -> Result<String, Error> {
    let ttl =
        chrono::Duration::from_std(state.refresh_token_ttl).map_err(|e| Error::internal(&e))?;
    let now = state.now();
    sessions::insert_refresh(db, &sha256_hex(&token), session_id, now, now + ttl).await?;
    Ok(token)
}

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

/// Sign-in with phone and password. Failures are counted per phone and per address.
pub async fn login(
    state: &AppState,
    client: &ClientAddr,
    req: LoginRequest,
) -> Result<TokenResponse, Error> {
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
            return Err(e);
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
        return Err(Error::InvalidCredentials(WRONG_CREDENTIALS));
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
        return Err(Error::AccountDisabled);
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
        Ok::<_, Error>(tokens)
    })
    .await?;
    tracing::info!(user = user.id, role = %user.role, "signed in");
    Ok(tokens)
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
) -> Result<TokenResponse, Error> {
    let presented = req.refresh_token.trim();
    let hash = sha256_hex(presented);
    let record = sessions::find_refresh(&state.db, &hash)
        .await?
        .ok_or(Error::Unauthorized(BAD_REFRESH))?;
    if record.session_revoked {
        return Err(Error::Unauthorized(BAD_REFRESH));
    }
    if let Some(used_at) = record.used_at {
        return again(state, client, presented, &record, used_at).await;
    }
    if record.expires_at <= state.now() {
        return Err(Error::TokenExpired(
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
        Ok::<_, Error>(Some(
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
) -> Result<TokenResponse, Error> {
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

async fn reuse(state: &AppState, client: &ClientAddr, session_id: &str, user_id: i32) -> Error {
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
        ),
        Err(e) => e.into(),
    }
}

/// Signs a session out: its refresh token and access tokens stop working. Unknown tokens
/// are ignored (signing out twice is not an error).
pub async fn logout(
    state: &AppState,
    client: &ClientAddr,
    req: RefreshRequest,
) -> Result<(), Error> {
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

/// Changes the password and signs out every session, returning a new one.
pub async fn change_password(
    state: &AppState,
    caller: &Actor,
    req: ChangePasswordRequest,
) -> Result<TokenResponse, Error> {
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
        return Err(Error::InvalidCredentials(
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
        Ok::<_, Error>(tokens)
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
) -> Result<(), Error> {
    let password = password.ok_or_else(|| Error::field("password", why))?;
    let user = users::find(&state.db, user_id)
        .await?
        .ok_or(Error::Unauthorized("the access token is not valid"))?;
    if checked_password(state, &user.phone, password, &user.password_hash).await? {
        Ok(())
    } else {
        Err(Error::InvalidCredentials(
            "password: the password is not correct",
        ))
    }
}

/// Verifies a signed-in account's password, counting failures like failed sign-ins, so a
/// stolen access token cannot be used to guess the password.
async fn checked_password(
    state: &AppState,
    phone: &str,
    password: String,
    hash: &str,
) -> Result<bool, Error> {
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
            Err(e)
        }
    }
}

/// The phone type, for callers holding a string from the database.
pub fn phone_of(s: &str) -> Result<Phone, Error> {
    Phone::parse(s).map_err(|e| Error::Internal(format!("a stored phone number is malformed: {e}")))
}
