//! Credit codes that are not first come, first served: `POST /api/v1/auth/claim` (an owner
//! whose business's code is held by another account), `/api/v1/admin/claims` (administrators
//! grant or refuse) and `POST /api/v1/admin/credit-codes/release`.

use actix_web::{HttpResponse, get, post, web};
use shared::account::api::TokenResponse;
use shared::account::code_claim::{
    ClaimDecision, ClaimList, ClaimRequest, ClaimReview, ClaimState, MergeOutcome, MergeRequest,
    ReleaseCodeRequest, ReleaseOutcome,
};
use shared::api::ErrorBody;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Admin, ClientAddr, Json};
use crate::services::accounts::claims;
use crate::services::auth;

/// An owner whose registration met `credit_code_taken` opens the account and claims the
/// code: the account is signed in at once, its business without the code (it cannot file)
/// until an administrator grants the claim. A code no account holds is simply registered.
#[utoipa::path(
    tag = "auth",
    request_body = ClaimRequest,
    responses(
        (status = 201, description = "Registered and signed in; the claim waits for an administrator (see `claim` in `GET /me`)", body = TokenResponse),
        (status = 400, description = "`invalid_field` naming the field (registration.phone, password, business_name, entity_type, credit_code; statement), `malformed_json`", body = ErrorBody),
        (status = 409, description = "`phone_taken`", body = ErrorBody),
        (status = 429, description = "`rate_limited` (counted as registrations), with Retry-After", body = ErrorBody),
    )
)]
#[post("/auth/claim")]
pub async fn claim(
    state: web::Data<AppState>,
    client: ClientAddr,
    Json(body): Json<ClaimRequest>,
) -> Result<HttpResponse, ApiError> {
    let tokens = auth::claim(&state, &client, body).await?;
    Ok(HttpResponse::Created().json(tokens))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClaimParams {
    /// `pending` (when not given), `granted` or `refused`.
    #[param(value_type = Option<String>)]
    pub status: Option<ClaimState>,
}

/// The claims on credit codes, oldest first: the claimant's statement, both accounts (phones
/// masked), how many requests each filed and whether a department checked its licence.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(ClaimParams),
    responses(
        (status = 200, description = "The claims", body = ClaimList),
        (status = 400, description = "`invalid_query` (status)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an administrator", body = ErrorBody),
    )
)]
#[get("/admin/claims")]
pub async fn list(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    query: Result<web::Query<ClaimParams>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let q = query
        .map(web::Query::into_inner)
        .map_err(|e| ApiError::InvalidQuery {
            parameter: "status",
            message: e.to_string(),
        })?;
    Ok(HttpResponse::Ok().json(claims::list(&state, &admin, q.status).await?))
}

/// Grants a claim (the code moves to the claimant, released from the account holding it) or
/// refuses it; the reason is shown to the claimant. Both audited.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the claim id")),
    request_body = ClaimDecision,
    responses(
        (status = 200, description = "The claim, decided", body = ClaimReview),
        (status = 400, description = "`invalid_field` (reason)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an administrator", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`invalid_transition`: decided already", body = ErrorBody),
    )
)]
#[post("/admin/claims/{id}/decision")]
pub async fn decide(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<String>,
    Json(body): Json<ClaimDecision>,
) -> Result<HttpResponse, ApiError> {
    let id: i64 = path
        .parse()
        .map_err(|_| ApiError::NotFound("no such claim"))?;
    Ok(HttpResponse::Ok().json(claims::decide(&state, &admin, id, body).await?))
}

/// Takes a credit code back from the account holding it (audited with the reason): that
/// account keeps its business's name and requests, without the code, and cannot file until it
/// has one again; the code can be registered or claimed anew.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = ReleaseCodeRequest,
    responses(
        (status = 200, description = "Released", body = ReleaseOutcome),
        (status = 400, description = "`invalid_field` (credit_code, reason)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an administrator", body = ErrorBody),
        (status = 404, description = "`not_found`: no account holds the code", body = ErrorBody),
    )
)]
#[post("/admin/credit-codes/release")]
pub async fn release(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    Json(body): Json<ReleaseCodeRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(claims::release(&state, &admin, body).await?))
}

/// Merges an owner's account into another owner's (the same business registered twice, or a
/// code claimed from a new account): requests and messages move, the credit code too when
/// only this account holds one, and this account is disabled and signed out. Audited.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the account merged away")),
    request_body = MergeRequest,
    responses(
        (status = 200, description = "Merged", body = MergeOutcome),
        (status = 400, description = "`invalid_field` (into: not another enabled owner; reason)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an administrator, or not an owner's account", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`open_request_exists` (both have an open request for one measure) or `credit_code_taken` (both hold a code: two businesses)", body = ErrorBody),
    )
)]
#[post("/admin/users/{id}/merge")]
pub async fn merge(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<String>,
    Json(body): Json<MergeRequest>,
) -> Result<HttpResponse, ApiError> {
    let id: i64 = path
        .parse()
        .map_err(|_| ApiError::NotFound("no such user"))?;
    Ok(HttpResponse::Ok().json(claims::merge(&state, &admin, id, body).await?))
}
