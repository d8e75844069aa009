//! `POST /api/v1/admin/requests/{id}/decision`.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::api::ErrorBody;
use shared::api::requests::{DecisionRequest, RequestView};

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Json, Official};
use crate::services::requests;

/// Reviews, asks for more, approves (with what it grants) or rejects, on the version read.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "the request id"),
        ("If-Match" = String, Header, pattern = r#"^(W/)?("[0-9]{1,9}"|[0-9]{1,9})$"#, description = "the version the decision was made on"),
    ),
    request_body = DecisionRequest,
    responses(
        (status = 200, description = "The request after the decision", body = RequestView),
        (status = 400, description = "`invalid_field`: If-Match, comment, grant", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
        (status = 404, description = "`not_found`: not routed to this official", body = ErrorBody),
        (status = 409, description = "`version_conflict` (stale If-Match) or `invalid_transition`", body = ErrorBody),
    )
)]
#[post("/admin/requests/{id}/decision")]
pub async fn post(
    state: web::Data<AppState>,
    Official(caller): Official,
    req: HttpRequest,
    path: web::Path<i64>,
    Json(body): Json<DecisionRequest>,
) -> Result<HttpResponse, ApiError> {
    let version = super::if_match(&req)?;
    let view = requests::decide(&state, &caller, path.into_inner(), version, body).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::etag(view.version))
        .json(view))
}
