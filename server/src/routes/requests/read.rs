//! `GET /api/v1/requests`, `GET /api/v1/requests/{id}`, `GET /api/v1/admin/requests`.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use shared::api::ErrorBody;
use shared::api::requests::{RequestSummary, RequestView};
use shared::application::RequestState;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Authenticated, Official};
use crate::services::requests;

/// The caller's own requests, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/requests",
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
    get,
    path = "/api/v1/requests/{id}",
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
pub struct QueueQuery {
    /// Only requests in this state.
    pub status: Option<RequestState>,
}

/// An official's queue: requests routed to their department in their jurisdictions, soonest
/// due first.
#[utoipa::path(
    get,
    path = "/api/v1/admin/requests",
    tag = "admin",
    security(("bearer" = [])),
    params(QueueQuery),
    responses(
        (status = 200, description = "The queue", body = Vec<RequestSummary>),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
    )
)]
#[get("/admin/requests")]
pub async fn queue(
    state: web::Data<AppState>,
    Official(caller): Official,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(requests::queue(&state, &caller, query.status).await?))
}
