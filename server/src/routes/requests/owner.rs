//! `POST /api/v1/requests/{id}/withdraw` and `/answer`: the owner's actions.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::api::ErrorBody;
use shared::api::requests::{OwnerActionRequest, RequestView};
use shared::application::Action;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Json, Owner};
use crate::services::requests;

/// Withdraws a request before it is decided.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "the request id"),
        ("If-Match" = Option<String>, Header, pattern = r#"^(W/)?("[0-9]{1,9}"|[0-9]{1,9})$"#, description = "the version read (optional)"),
    ),
    responses(
        (status = 200, description = "Withdrawn", body = RequestView),
        (status = 400, description = "`invalid_field`: If-Match", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`invalid_transition` (already decided) or `version_conflict`", body = ErrorBody),
    )
)]
#[post("/requests/{id}/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    Owner(caller): Owner,
    req: HttpRequest,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let version = super::if_match(&req)?;
    let view = requests::owner_act(
        &state,
        &caller,
        path.into_inner(),
        Action::Withdraw,
        version,
        OwnerActionRequest::default(),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::etag(view.version))
        .json(view))
}

/// Answers the officials' question (a comment and/or documents already uploaded).
#[utoipa::path(
    tag = "requests",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "the request id"),
        ("If-Match" = Option<String>, Header, pattern = r#"^(W/)?("[0-9]{1,9}"|[0-9]{1,9})$"#, description = "the version read (optional)"),
    ),
    request_body = OwnerActionRequest,
    responses(
        (status = 200, description = "Back in review", body = RequestView),
        (status = 400, description = "`invalid_field`: comment, documents", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`invalid_transition` (nothing was asked) or `version_conflict`", body = ErrorBody),
    )
)]
#[post("/requests/{id}/answer")]
pub async fn answer(
    state: web::Data<AppState>,
    Owner(caller): Owner,
    req: HttpRequest,
    path: web::Path<i64>,
    Json(body): Json<OwnerActionRequest>,
) -> Result<HttpResponse, ApiError> {
    let version = super::if_match(&req)?;
    let view = requests::owner_act(
        &state,
        &caller,
        path.into_inner(),
        Action::Answer,
        version,
        body,
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::etag(view.version))
        .json(view))
}
