//! `/api/v1/admin/users`: administrators manage staff accounts.

use actix_web::{HttpResponse, get, post, web};
use shared::account::api::{CreateUserRequest, UserList, UserView};
use shared::api::ErrorBody;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Admin, ClientAddr, Json};
use crate::services::accounts::{self, Actor};

/// Every account, phone numbers masked.
#[utoipa::path(
    get,
    path = "/api/v1/admin/users",
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The accounts", body = UserList),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an administrator", body = ErrorBody),
    )
)]
#[get("/admin/users")]
pub async fn list(state: web::Data<AppState>, _admin: Admin) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(accounts::list(&state.db).await?))
}

/// Creates an official (department + jurisdictions), supervisor or administrator.
#[utoipa::path(
    post,
    path = "/api/v1/admin/users",
    tag = "admin",
    security(("bearer" = [])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, description = "Created", body = UserView),
        (status = 400, description = "`invalid_field` (role, department, jurisdictions, password, phone)", body = ErrorBody),
        (status = 403, description = "`forbidden`", body = ErrorBody),
        (status = 409, description = "`phone_taken`", body = ErrorBody),
    )
)]
#[post("/admin/users")]
pub async fn create(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    client: ClientAddr,
    Json(body): Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let user = accounts::create_staff(&state.db, &Actor::admin(&admin, &client), body).await?;
    Ok(HttpResponse::Created().json(user))
}

/// Disables an account: its sessions are signed out and it can no longer sign in.
#[utoipa::path(
    post,
    path = "/api/v1/admin/users/{id}/disable",
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the account id")),
    responses(
        (status = 200, description = "Disabled", body = UserView),
        (status = 403, description = "`forbidden`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    )
)]
#[post("/admin/users/{id}/disable")]
pub async fn disable(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    client: ClientAddr,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: i32 = path
        .parse()
        .map_err(|_| ApiError::NotFound("no such user"))?;
    let user = accounts::disable(&state.db, &Actor::admin(&admin, &client), id).await?;
    Ok(HttpResponse::Ok().json(user))
}
