//! `/api/v1/admin/notices`: 督办 supervision notices. One handler per action.

use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;
use shared::api::ErrorBody;
use shared::api::desk::{IssueNoticeRequest, NoticeActionRequest, NoticeList, NoticeView};
use shared::catalog::DepartmentId;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Authenticated, Json, Staff, Supervisor};
use crate::services::notices;

/// Issues a notice to a department about its overdue requests, with a deadline.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = IssueNoticeRequest,
    responses(
        (status = 201, description = "Issued", body = NoticeView),
        (status = 400, description = "`invalid_field` (message, deadline, requests)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not the supervising office", body = ErrorBody),
        (status = 422, description = "`not_overdue`: a request listed is not overdue or not routed to the department", body = ErrorBody),
    )
)]
#[post("/admin/notices")]
pub async fn issue(
    state: web::Data<AppState>,
    Supervisor(caller): Supervisor,
    Json(body): Json<IssueNoticeRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Created().json(notices::issue(&state, &caller, body).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NoticesQuery {
    /// Supervisors: one department's notices only (officials always see their own).
    pub department: Option<DepartmentId>,
    /// `true`: only the notices not yet closed (what a department's desk polls).
    #[serde(default)]
    pub open: bool,
}

/// Notices, newest first: an official's department's, or every department's for the
/// supervising office.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(NoticesQuery),
    responses(
        (status = 200, description = "The notices", body = NoticeList),
        (status = 400, description = "`invalid_query`", body = ErrorBody),
        (status = 403, description = "`forbidden`: neither an official nor the supervising office", body = ErrorBody),
    )
)]
#[get("/admin/notices")]
pub async fn list(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    query: Result<web::Query<NoticesQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let q = query
        .map(web::Query::into_inner)
        .map_err(|e| ApiError::InvalidQuery {
            parameter: "query",
            message: e.to_string(),
        })?;
    Ok(HttpResponse::Ok().json(notices::list(&state, &caller, q.department, q.open).await?))
}

/// One notice with the requests it lists and its history; 404 for anyone not party to it.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the notice id")),
    responses(
        (status = 200, description = "The notice", body = NoticeView),
        (status = 404, description = "`not_found`, also for notices the caller is not party to", body = ErrorBody),
    )
)]
#[get("/admin/notices/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: i64 = path
        .parse()
        .map_err(|_| ApiError::NotFound("no such notice"))?;
    Ok(HttpResponse::Ok().json(notices::get(&state, &caller, id).await?))
}

/// One step: the department acknowledges, asks for an extension (by the deadline) or
/// reports; the supervising office grants or refuses the extension, or closes the notice.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the notice id")),
    request_body = NoticeActionRequest,
    responses(
        (status = 200, description = "The notice after the step", body = NoticeView),
        (status = 400, description = "`invalid_field` (comment, deadline)", body = ErrorBody),
        (status = 403, description = "`forbidden`: the step is the other party's", body = ErrorBody),
        (status = 404, description = "`not_found`, also for notices the caller is not party to", body = ErrorBody),
        (status = 409, description = "`invalid_transition`, `extension_too_late` or `version_conflict`", body = ErrorBody),
    )
)]
#[post("/admin/notices/{id}/actions")]
pub async fn act(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<String>,
    Json(body): Json<NoticeActionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id: i64 = path
        .parse()
        .map_err(|_| ApiError::NotFound("no such notice"))?;
    Ok(HttpResponse::Ok().json(notices::act(&state, &caller, id, body).await?))
}

/// The notice as the office prints and files it (督办通知书, A4 HTML): its number, the
/// department, what is asked by when, the requests named, and its steps.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the notice id")),
    responses(
        (status = 200, description = "The page, to print", content_type = "text/html", body = String),
        (status = 403, description = "`forbidden`: neither an official nor the supervising office", body = ErrorBody),
        (status = 404, description = "`not_found`: no such notice the caller is party to", body = ErrorBody),
    )
)]
#[get("/admin/notices/{id}/print")]
pub async fn print(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let html = notices::print(&state, &caller, path.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .body(html))
}
