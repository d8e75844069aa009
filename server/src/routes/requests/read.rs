//! `GET /api/v1/requests`, `GET /api/v1/requests/{id}`, `GET /api/v1/admin/requests`.

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use serde::Deserialize;
use shared::answers::JurisdictionId;
use shared::api::ErrorBody;
use shared::api::desk::{ContactView, QueueFilter, QueueResponse, QueueSort};
use shared::api::requests::{RequestSummary, RequestView};
use shared::application::{ApplicationKind, RequestState};
use shared::catalog::{DepartmentId, MeasureId};

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Authenticated, Staff};
use crate::services::{desk, requests};

/// The caller's own requests, newest first.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's requests", body = Vec<RequestSummary>),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
    )
)]
#[get("/requests")]
pub async fn list(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(requests::mine(&state, &caller).await?))
}

/// One request with its history and documents: for its owner, the officials it is routed to
/// and supervisors; 404 for anyone else.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the request id")),
    responses(
        (status = 200, description = "The request; `ETag` is its version", body = RequestView),
        (status = 404, description = "`not_found`, also for requests the caller may not see", body = ErrorBody),
    )
)]
#[get("/requests/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let view = requests::get(&state, &caller, path.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::etag(view.version))
        .json(view))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// Only requests in this state.
    pub status: Option<RequestState>,
    pub kind: Option<ApplicationKind>,
    pub measure: Option<MeasureId>,
    pub jurisdiction: Option<JurisdictionId>,
    /// Only requests routed to this department.
    pub department: Option<DepartmentId>,
    /// Filed on or after this day (`2022-06-01`).
    pub from: Option<NaiveDate>,
    /// Filed on or before this day.
    pub to: Option<NaiveDate>,
    /// `true`: only open requests past their last day; `false`: all but those.
    pub overdue: Option<bool>,
    /// Part of the request number, business name or credit code.
    pub q: Option<String>,
    /// The order: `due` (the requests waiting for the department by their last day, the
    /// overdue first; then those waiting for the owner; then the closed, the latest first),
    /// `newest` or `oldest` filed first. `due` when left out.
    pub sort: Option<QueueSort>,
    /// The `next_cursor` of the previous page (of the same `sort`).
    pub cursor: Option<String>,
    /// Items per page, 1 to 200 (50).
    pub limit: Option<u64>,
}

/// The queue's parameters, or 400 `invalid_query` naming what was wrong.
pub(crate) fn queue_query(
    query: Result<web::Query<QueueQuery>, actix_web::Error>,
) -> Result<QueueQuery, ApiError> {
    query
        .map(web::Query::into_inner)
        .map_err(|e| ApiError::InvalidQuery {
            parameter: "query",
            message: e.to_string(),
        })
}

impl QueueQuery {
    pub fn filter(&self) -> QueueFilter {
        QueueFilter {
            status: self.status,
            kind: self.kind,
            measure: self.measure,
            jurisdiction: self.jurisdiction,
            department: self.department,
            from: self.from,
            to: self.to,
            overdue: self.overdue,
            q: self.q.clone(),
            sort: self.sort,
        }
    }
}

/// The desk's queue: officials see the requests routed to their department in their
/// jurisdictions, supervisors and administrators all; by the last day to decide (the overdue
/// first) unless `sort` says otherwise, a page at a time,
/// with the counts per status and each request's deadline state in working days.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(QueueQuery),
    responses(
        (status = 200, description = "One page of the queue", body = QueueResponse),
        (status = 400, description = "`invalid_field` (cursor, limit) or `invalid_query`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    )
)]
#[get("/admin/requests")]
pub async fn queue(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    query: Result<web::Query<QueueQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let q = queue_query(query)?;
    let page = desk::queue(&state, &caller, &q.filter(), q.cursor.as_deref(), q.limit).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// The owner's phone number and credit code, unmasked, for one request: a recorded action
/// (each reading lands in the audit log). Officials it is routed to and supervisors; 404
/// for anyone else.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the request id")),
    responses(
        (status = 200, description = "The contact, unmasked", body = ContactView),
        (status = 404, description = "`not_found`, also for requests the caller may not see", body = ErrorBody),
    )
)]
#[get("/admin/requests/{id}/contact")]
pub async fn contact(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: i64 = path
        .parse()
        .map_err(|_| ApiError::NotFound("no such request"))?;
    let view = requests::contact(&state, &caller, id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(view))
}
