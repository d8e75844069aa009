//! WeChat sign-in: a bound openid signs in; an unbound one gets a ticket to bind it to an
//! owner account after signing in with phone and password.

use shared::account::api::{WechatBindRequest, WechatLoginRequest, WechatLoginResponse};
use shared::error_code::ErrorCode;

use crate::AppState;
use crate::infra::wechat::WechatError;
use crate::services::auth::{entry, start_session, taken};
use crate::services::tokens::BIND_TICKET_SECONDS;
use crate::services::{AccountError, Error};
use crate::services::{Actor, ClientAddr};
use crate::store::{audit, users};

/// How long to wait after WeChat says it is limiting requests.
const WECHAT_RETRY_SECONDS: u64 = 60;

fn refused(e: WechatError) -> AccountError {
    match e {
        WechatError::InvalidCode(_) => AccountError::InvalidCredentials(
            "WeChat did not accept the login code; call wx.login() again",
        ),
        WechatError::RateLimited => Error::RateLimited {
            retry_after: WECHAT_RETRY_SECONDS,
        }
        .into(),
        WechatError::HighRisk => Error::Forbidden(
            "WeChat refused sign-in for this WeChat account; sign in with your phone number",
        )
        .into(),
        other => {
            tracing::warn!(error = %other, "WeChat sign-in failed");
            AccountError::WechatUnavailable(
                "WeChat could not be reached; sign in with your phone number",
            )
        }
    }
}

fn check_code(code: &str) -> Result<&str, AccountError> {
    let code = code.trim();
    if code.is_empty()
        || code.len() > 128
        || !code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(Error::field(
            "code",
            "must be the code from wx.login(): 1 to 128 letters, digits, - or _",
        )
        .into());
    }
    Ok(code)
}

pub async fn login(
    state: &AppState,
    client: &ClientAddr,
    req: WechatLoginRequest,
) -> Result<WechatLoginResponse, AccountError> {
    let wechat = state.wechat.as_ref().ok_or(Error::NotFound(
        "WeChat sign-in is not configured on this server",
    ))?;
    let code = check_code(&req.code)?;
    let openid = wechat.openid(code).await.map_err(refused)?;
    match users::find_by_openid(&state.db, &openid).await? {
        Some(user) if user.disabled => Err(AccountError::Disabled),
        Some(user) => {
            let mut e = entry(
                "login",
                Some(user.id),
                Some(user.role),
                Some(&user.phone),
                client,
            );
            e.detail = Some("wechat".into());
            let tokens = crate::store::write(&state.writer, async |txn| {
                let tokens = start_session(state, txn, user.id, user.role).await?;
                audit::record(txn, state.now(), e).await?;
                Ok::<_, AccountError>(tokens)
            })
            .await?;
            Ok(WechatLoginResponse::SignedIn {
                access_token: tokens.access_token,
                refresh_token: tokens.refresh_token,
                token_type: tokens.token_type,
                expires_in: tokens.expires_in,
            })
        }
        None => Ok(WechatLoginResponse::BindRequired {
            bind_ticket: state.tokens.bind_ticket(&openid)?,
            expires_in: BIND_TICKET_SECONDS,
        }),
    }
}

/// Binds the ticket's WeChat account to the signed-in owner.
pub async fn bind(
    state: &AppState,
    caller: &Actor,
    req: WechatBindRequest,
) -> Result<(), AccountError> {
    let client = &caller.address;
    let openid = state.tokens.verify_bind(&req.bind_ticket)?;
    let mut e = entry(
        "wechat_bound",
        Some(caller.id),
        Some(caller.role),
        None,
        client,
    );
    e.detail = Some("wechat".into());
    crate::store::write(&state.writer, async |txn| {
        users::set_openid(txn, caller.id, &openid)
            .await
            .map_err(taken(
                ErrorCode::WechatTaken,
                "bind_ticket",
                "this WeChat account is bound to another account",
            ))?;
        audit::record(txn, state.now(), e).await?;
        Ok::<_, AccountError>(())
    })
    .await
}
