//! `/api/v1/me`: the signed-in account.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use shared::account::api::{ChangePasswordRequest, Me, TokenResponse, UpdateMeRequest};
use shared::api::ErrorBody;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Authenticated, Json, Owner};
use crate::services::AccountError;
use crate::services::{accounts, auth};

fn with_etag(me: &Me) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, accounts::etag(me)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(me)
}

/// The account and, for owners, the business profile. `ETag` for `If-Match` on PATCH.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account", body = Me),
        (status = 401, description = "`unauthorized` or `token_expired`", body = ErrorBody),
    )
)]
#[get("/me")]
pub async fn get(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    Ok(with_etag(&accounts::me(&state.db, &caller).await?))
}

/// Changes the business name or entity type (owners), or the phone number (with `password`).
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    params(("If-Match" = Option<String>, Header, description = "the ETag of GET /api/v1/me")),
    request_body = UpdateMeRequest,
    responses(
        (status = 200, description = "The account after the change", body = Me),
        (status = 400, description = "`invalid_field` (password missing for a phone change, ...)", body = ErrorBody),
        (status = 401, description = "`unauthorized`, or `invalid_credentials` for a wrong password", body = ErrorBody),
        (status = 409, description = "`phone_taken`", body = ErrorBody),
        (status = 412, description = "`precondition_failed`: changed since read", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many wrong passwords; Retry-After", body = ErrorBody),
    )
)]
#[patch("/me")]
pub async fn patch(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    req: HttpRequest,
    Json(body): Json<UpdateMeRequest>,
) -> Result<HttpResponse, ApiError> {
    let if_match = req
        .headers()
        .get(header::IF_MATCH)
        .map(|v| v.to_str().map_err(|_| ApiError::from(AccountError::Stale)))
        .transpose()?;
    let me = accounts::update_me(&state, &caller, if_match, body).await?;
    Ok(with_etag(&me))
}

/// Changes the password; every session is signed out and a new one returned.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, description = "Changed; the new session", body = TokenResponse),
        (status = 400, description = "`invalid_field` (new_password)", body = ErrorBody),
        (status = 401, description = "`invalid_credentials` (current_password) or `unauthorized`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many wrong current passwords; Retry-After", body = ErrorBody),
    )
)]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Json(body): Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(auth::change_password(&state, &caller, body).await?))
}

/// An owner whose business holds no credit code (a claim refused, or the code released from
/// the account) claims one: a code no account holds is given at once; one held by another
/// account waits for an administrator (`claim` in the answer). Counted as registrations are.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = shared::account::code_claim::ClaimAgainRequest,
    responses(
        (status = 200, description = "The account, with its code or its waiting claim", body = Me),
        (status = 400, description = "`invalid_field` (credit_code, statement)", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an owner", body = ErrorBody),
        (status = 409, description = "`invalid_transition`: the business holds a code, or a claim waits already", body = ErrorBody),
        (status = 429, description = "`rate_limited`, with Retry-After", body = ErrorBody),
    )
)]
#[post("/me/claim")]
pub async fn claim(
    state: web::Data<AppState>,
    Owner(caller): Owner,
    Json(body): Json<shared::account::code_claim::ClaimAgainRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(with_etag(&auth::claim_again(&state, &caller, body).await?))
}
