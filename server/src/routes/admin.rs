//! `/api/v1/admin/users`: administrators manage staff accounts;
//! `/api/v1/admin/jurisdictions/{id}/facts`: they record the facts that change results.

use actix_web::{HttpResponse, get, post, put, web};
use shared::account::api::{
    AssignRequest, CreateUserRequest, RenameRequest, ResetPasswordRequest, UserList, UserView,
};
use shared::answers::JurisdictionId;
use shared::api::ErrorBody;
use shared::api::desk::AuditPage;
use shared::api::settings::{Setting, SettingsView};

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Admin, Json};
use crate::services::accounts::{self, Operator};
use crate::services::facts::{self, FactsRequest, FactsView};

/// Every account, phone numbers masked.
#[utoipa::path(
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
    Json(body): Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let user = accounts::create_staff(
        &state.writer,
        &Operator::admin(&state, &admin),
        &state.active().catalog,
        body,
    )
    .await?;
    Ok(HttpResponse::Created().json(user))
}

/// Disables an account: its sessions are signed out and it can no longer sign in.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the account id")),
    responses(
        (status = 200, description = "Disabled", body = UserView),
        (status = 403, description = "`forbidden`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`last_administrator`: the last enabled administrator", body = ErrorBody),
    )
)]
#[post("/admin/users/{id}/disable")]
pub async fn disable(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: i32 = path
        .parse()
        .map_err(|_| ApiError::NotFound("no such user"))?;
    let user = accounts::disable(&state.writer, &Operator::admin(&state, &admin), id).await?;
    Ok(HttpResponse::Ok().json(user))
}

/// Enables a disabled account again; it signs in anew.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the account id")),
    responses(
        (status = 200, description = "Enabled", body = UserView),
        (status = 403, description = "`forbidden`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    )
)]
#[post("/admin/users/{id}/enable")]
pub async fn enable(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: i32 = path
        .parse()
        .map_err(|_| ApiError::NotFound("no such user"))?;
    let user = accounts::enable(&state.writer, &Operator::admin(&state, &admin), id).await?;
    Ok(HttpResponse::Ok().json(user))
}

/// Names a staff account (张三): shown with the department on the desk, a handover and a
/// request's history. Audited.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the account id")),
    request_body = RenameRequest,
    responses(
        (status = 200, description = "Named", body = UserView),
        (status = 400, description = "`invalid_field` (`name`: empty, too long, unprintable, or the account is an owner's) or `invalid_json`", body = ErrorBody),
        (status = 403, description = "`forbidden`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
    )
)]
#[put("/admin/users/{id}/name")]
pub async fn rename(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<String>,
    Json(body): Json<RenameRequest>,
) -> Result<HttpResponse, ApiError> {
    let id: i32 = path
        .parse()
        .map_err(|_| ApiError::NotFound("no such user"))?;
    let user = accounts::rename(&state.writer, &Operator::admin(&state, &admin), id, body).await?;
    Ok(HttpResponse::Ok().json(user))
}

/// 忘记密码: sets a new password for an account (an owner's or staff) whose holder forgot
/// theirs, once the administrator has checked who is asking; every session of the account is
/// signed out. Audited.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the account id")),
    request_body = ResetPasswordRequest,
    responses(
        (status = 200, description = "The password is set; the account's sessions are signed out", body = UserView),
        (status = 400, description = "`invalid_field` (`password`: too short, common or the phone number) or `invalid_json`", body = ErrorBody),
        (status = 403, description = "`forbidden`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
    )
)]
#[put("/admin/users/{id}/password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<String>,
    Json(body): Json<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let id: i32 = path
        .parse()
        .map_err(|_| ApiError::NotFound("no such user"))?;
    let user =
        accounts::reset_password(&state.writer, &Operator::admin(&state, &admin), id, body).await?;
    Ok(HttpResponse::Ok().json(user))
}

/// Records facts about a jurisdiction (listed as a medium/high-risk area in 2022, adopted the
/// electricity subsidy): dated rows kept apart from the catalog version, recorded in the
/// audit log, in force at once for eligibility, filing and the served catalog.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "the jurisdiction, e.g. `ketdz`")),
    request_body = FactsRequest,
    responses(
        (status = 200, description = "The jurisdiction's facts now in force", body = FactsView),
        (status = 400, description = "`invalid_field`: no fact sent", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an administrator", body = ErrorBody),
        (status = 404, description = "`not_found`: no such jurisdiction", body = ErrorBody),
    )
)]
#[put("/admin/jurisdictions/{id}/facts")]
pub async fn record_facts(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<String>,
    Json(body): Json<FactsRequest>,
) -> Result<HttpResponse, ApiError> {
    let jurisdiction = JurisdictionId::ALL
        .iter()
        .copied()
        .find(|j| j.as_str() == path.as_str())
        .ok_or(ApiError::NotFound("no such jurisdiction"))?;
    let view = facts::record(&state, &admin, jurisdiction, body).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Assigns an official to a department and jurisdictions (replacing the previous ones), in
/// force at once; recorded in the audit log.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the account id")),
    request_body = AssignRequest,
    responses(
        (status = 200, description = "The account as assigned", body = UserView),
        (status = 400, description = "`invalid_field` (department, jurisdictions): not an official, none or `other` listed, one listed twice", body = ErrorBody),
        (status = 403, description = "`forbidden`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    )
)]
#[put("/admin/users/{id}/assignment")]
pub async fn assign(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<String>,
    Json(body): Json<AssignRequest>,
) -> Result<HttpResponse, ApiError> {
    let id: i32 = path
        .parse()
        .map_err(|_| ApiError::NotFound("no such user"))?;
    let user = accounts::assign(
        &state.writer,
        &Operator::admin(&state, &admin),
        &state.active().catalog,
        id,
        body,
    )
    .await?;
    Ok(HttpResponse::Ok().json(user))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Only what this account did.
    pub actor: Option<i64>,
    /// Only this action (`login`, `contact_revealed`, `notice_issued`, …).
    pub action: Option<String>,
    /// On or after this day (UTC).
    pub from: Option<chrono::NaiveDate>,
    /// On or before this day (UTC).
    pub to: Option<chrono::NaiveDate>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Entries per page, 1 to 500 (100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// The audit log, newest first, filtered by actor, action and days.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(AuditParams),
    responses(
        (status = 200, description = "One page of the audit log", body = AuditPage),
        (status = 400, description = "`invalid_query`, or `invalid_field` (cursor, limit, actor)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an administrator", body = ErrorBody),
    )
)]
#[get("/admin/audit")]
pub async fn audit(
    state: web::Data<AppState>,
    _admin: Admin,
    query: Result<web::Query<AuditParams>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let q = query
        .map(web::Query::into_inner)
        .map_err(|e| ApiError::InvalidQuery {
            parameter: "query",
            message: e.to_string(),
        })?;
    let page = crate::services::audit::page(
        &state,
        crate::services::audit::AuditQuery {
            actor: q.actor,
            action: q.action,
            from: q.from,
            to: q.to,
            cursor: q.cursor,
            limit: q.limit,
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// What is in force (revision, time limits, recorded calendar days) and every setting
/// recorded, oldest first. Anyone at a desk may read it.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings", body = SettingsView),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    )
)]
#[get("/admin/settings")]
pub async fn settings(
    state: web::Data<AppState>,
    _staff: crate::extract::Staff,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(crate::services::settings::view(&state).await?))
}

/// Records a setting that changes results — a calendar day (holiday, worked weekend day, or
/// back to the weekday rule), a request kind's time limit, a measure's application window,
/// a redacted amount — dated, in the audit log and in force at once.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = Setting,
    responses(
        (status = 201, description = "Recorded; the settings now in force", body = SettingsView),
        (status = 400, description = "`invalid_field` (setting, measure, param, working_days, to, name, value_fen)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an administrator", body = ErrorBody),
    )
)]
#[post("/admin/settings")]
pub async fn record_setting(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    Json(body): Json<Setting>,
) -> Result<HttpResponse, ApiError> {
    let view = crate::services::settings::record(&state, &admin, body).await?;
    Ok(HttpResponse::Created().json(view))
}
