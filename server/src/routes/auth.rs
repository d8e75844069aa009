//! `/api/v1/auth/*`: register, sign in, refresh, sign out, WeChat.

use actix_web::{HttpResponse, post, web};
use shared::account::api::{
    LoginRequest, RefreshRequest, RegisterRequest, TokenResponse, WechatBindRequest,
    WechatLoginRequest, WechatLoginResponse,
};
use shared::api::ErrorBody;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{ClientAddr, Json, Owner};
use crate::services::{auth, wechat};

/// An owner opens an account: phone, password, business name, entity type, credit code.
#[utoipa::path(
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered and signed in", body = TokenResponse),
        (status = 400, description = "`invalid_field` naming the field (phone, password, business_name, entity_type, credit_code), `malformed_json`", body = ErrorBody),
        (status = 409, description = "`credit_code_taken` or `phone_taken`", body = ErrorBody),
        (status = 429, description = "`rate_limited`, with Retry-After", body = ErrorBody),
    )
)]
#[post("/auth/register")]
pub async fn register(
    state: web::Data<AppState>,
    client: ClientAddr,
    Json(body): Json<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    let tokens = auth::register(&state, &client, body).await?;
    Ok(HttpResponse::Created().json(tokens))
}

/// Sign in with phone number and password.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 400, description = "`invalid_field`", body = ErrorBody),
        (status = 401, description = "`invalid_credentials`", body = ErrorBody),
        (status = 403, description = "`account_disabled`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many failed sign-ins for this phone or address; Retry-After", body = ErrorBody),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    client: ClientAddr,
    Json(body): Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(auth::login(&state, &client, body).await?))
}

/// A new token pair for a refresh token, which stops working. Presenting a used refresh
/// token signs its whole session out.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new pair", body = TokenResponse),
        (status = 401, description = "`unauthorized` (unknown, used or revoked) or `token_expired`", body = ErrorBody),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    client: ClientAddr,
    Json(body): Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(auth::refresh(&state, &client, body).await?))
}

/// Signs the session of a refresh token out; its access tokens stop working too.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses((status = 204, description = "Signed out (also when already signed out)"))
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    client: ClientAddr,
    Json(body): Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    auth::logout(&state, &client, body).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Sign in with the code of `wx.login()`: tokens when the WeChat account is bound, else a
/// ticket to bind it after signing in with phone and password.
#[utoipa::path(
    tag = "auth",
    request_body = WechatLoginRequest,
    responses(
        (status = 200, description = "`signed_in` with tokens, or `bind_required` with a bind ticket", body = WechatLoginResponse),
        (status = 400, description = "`invalid_field` (code)", body = ErrorBody),
        (status = 401, description = "`invalid_credentials`: WeChat refused the code", body = ErrorBody),
        (status = 403, description = "`forbidden` (WeChat flagged the user) or `account_disabled`", body = ErrorBody),
        (status = 404, description = "`not_found`: WeChat sign-in is not configured", body = ErrorBody),
        (status = 429, description = "`rate_limited` by WeChat", body = ErrorBody),
        (status = 502, description = "`wechat_unavailable`: WeChat busy, unreachable or too slow", body = ErrorBody),
    )
)]
#[post("/auth/wechat")]
pub async fn wechat_login(
    state: web::Data<AppState>,
    client: ClientAddr,
    Json(body): Json<WechatLoginRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(wechat::login(&state, &client, body).await?))
}

/// Binds the WeChat account of a bind ticket to the signed-in owner.
#[utoipa::path(
    tag = "auth",
    request_body = WechatBindRequest,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Bound: WeChat sign-in now signs in to this account"),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an owner", body = ErrorBody),
        (status = 409, description = "`wechat_taken`", body = ErrorBody),
        (status = 422, description = "`unprocessable`: the ticket is invalid or expired", body = ErrorBody),
    )
)]
#[post("/auth/wechat/bind")]
pub async fn wechat_bind(
    state: web::Data<AppState>,
    Owner(caller): Owner,
    Json(body): Json<WechatBindRequest>,
) -> Result<HttpResponse, ApiError> {
    wechat::bind(&state, &caller, body).await?;
    Ok(HttpResponse::NoContent().finish())
}
