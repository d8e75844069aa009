//! The desk's other actions on requests: batch approval, handing over to a colleague, and
//! the department's saved comment phrases (常用语).

use actix_web::{HttpResponse, delete, get, post, put, web};
use shared::api::ErrorBody;
use shared::api::desk::{
    BatchApprovalRequest, BatchApprovalResponse, BatchPreviewRequest, BatchPreviewResponse,
    ColleagueList, CommentRequest, HandoverRequest, PhraseList, PhraseRequest, PhraseView,
};
use shared::api::requests::RequestView;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Json, Official};
use crate::services::{phrases, requests};

fn id(path: &str, what: &'static str) -> Result<i64, ApiError> {
    path.parse().map_err(|_| ApiError::NotFound(what))
}

/// Approves selected routine requests one by one, each checked and recorded as if approved
/// alone (a submitted one is taken into review first); answers each request's outcome.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = BatchApprovalRequest,
    responses(
        (status = 200, description = "Each request's outcome, in the order sent", body = BatchApprovalResponse),
        (status = 400, description = "`invalid_field` (items, comment)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
    )
)]
#[post("/admin/requests/batch-approval")]
pub async fn batch_approval(
    state: web::Data<AppState>,
    Official(caller): Official,
    Json(body): Json<BatchApprovalRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut outcome = requests::approve_batch(&state, &caller, body).await?;
    // Each refusal quotes this call's id, as an error of the whole call would.
    for error in outcome.results.iter_mut().filter_map(|r| r.error.as_mut()) {
        error.request_id = crate::middleware::current_request_id();
    }
    Ok(HttpResponse::Ok().json(outcome))
}

/// The grant the engine proposes for each selected request, or why it is decided one by
/// one; nothing is recorded.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = BatchPreviewRequest,
    responses(
        (status = 200, description = "The requests the caller may see, in the order sent", body = BatchPreviewResponse),
        (status = 400, description = "`invalid_field` (ids)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
    )
)]
#[post("/admin/requests/batch-approval/preview")]
pub async fn batch_preview(
    state: web::Data<AppState>,
    Official(caller): Official,
    Json(body): Json<BatchPreviewRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(requests::preview_batch(&state, &caller, body).await?))
}

/// The colleagues who may take this request over: active officials of the caller's
/// department covering its jurisdiction.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the request id")),
    responses(
        (status = 200, description = "The colleagues, oldest account first", body = ColleagueList),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
        (status = 404, description = "`not_found`: not routed to this official", body = ErrorBody),
    )
)]
#[get("/admin/requests/{id}/colleagues")]
pub async fn colleagues(
    state: web::Data<AppState>,
    Official(caller): Official,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id(&path, "no such request")?;
    Ok(HttpResponse::Ok().json(requests::colleagues(&state, &caller, id).await?))
}

/// Hands an open request to a colleague of the same department covering its jurisdiction.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the request id")),
    request_body = HandoverRequest,
    responses(
        (status = 200, description = "The request, with its new assignee", body = RequestView),
        (status = 400, description = "`invalid_field` (to, comment)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
        (status = 404, description = "`not_found`: not routed to this official", body = ErrorBody),
        (status = 409, description = "`invalid_transition`: decided or withdrawn", body = ErrorBody),
    )
)]
#[post("/admin/requests/{id}/handover")]
pub async fn handover(
    state: web::Data<AppState>,
    Official(caller): Official,
    path: web::Path<String>,
    Json(body): Json<HandoverRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id(&path, "no such request")?;
    let view = requests::handover(&state, &caller, id, body).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::etag(view.version))
        .json(view))
}

/// Adds a note between the departments a request is routed to (an assisting department's
/// opinion to the leading one); the owner is not shown it.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the request id")),
    request_body = CommentRequest,
    responses(
        (status = 200, description = "The request, with the comment in its history", body = RequestView),
        (status = 400, description = "`invalid_field` (comment)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
        (status = 404, description = "`not_found`: not routed to this official", body = ErrorBody),
    )
)]
#[post("/admin/requests/{id}/comments")]
pub async fn comment(
    state: web::Data<AppState>,
    Official(caller): Official,
    path: web::Path<String>,
    Json(body): Json<CommentRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id(&path, "no such request")?;
    let view = requests::add_comment(&state, &caller, id, body).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::etag(view.version))
        .json(view))
}

/// Records that the business's licence, among the request's documents, matches the account
/// (核验): anyone can register a business's public credit code, so the first department to
/// see a business checks it, and every department after sees that it was checked (and by
/// whom). The first check stands; recording it again changes nothing. Audited.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the request id")),
    responses(
        (status = 200, description = "The request, its `business_check` verified", body = RequestView),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
        (status = 404, description = "`not_found`: not routed to this official", body = ErrorBody),
    )
)]
#[post("/admin/requests/{id}/business-verification")]
pub async fn verify_business(
    state: web::Data<AppState>,
    Official(caller): Official,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id(&path, "no such request")?;
    let view = requests::verify_business(&state, &caller, id).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::etag(view.version))
        .json(view))
}

/// The caller's department's saved comment phrases, oldest first.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The phrases", body = PhraseList),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
    )
)]
#[get("/admin/phrases")]
pub async fn list_phrases(
    state: web::Data<AppState>,
    Official(caller): Official,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(phrases::list(&state, &caller).await?))
}

/// Saves a phrase for the caller's department.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = PhraseRequest,
    responses(
        (status = 201, description = "Saved", body = PhraseView),
        (status = 400, description = "`invalid_field` (text)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
    )
)]
#[post("/admin/phrases")]
pub async fn create_phrase(
    state: web::Data<AppState>,
    Official(caller): Official,
    Json(body): Json<PhraseRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Created().json(phrases::create(&state, &caller, body).await?))
}

/// Changes a phrase of the caller's department.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the phrase id")),
    request_body = PhraseRequest,
    responses(
        (status = 200, description = "Changed", body = PhraseView),
        (status = 400, description = "`invalid_field` (text)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
        (status = 404, description = "`not_found`, also for another department's phrase", body = ErrorBody),
    )
)]
#[put("/admin/phrases/{id}")]
pub async fn update_phrase(
    state: web::Data<AppState>,
    Official(caller): Official,
    path: web::Path<String>,
    Json(body): Json<PhraseRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id(&path, "no such phrase")?;
    Ok(HttpResponse::Ok().json(phrases::update(&state, &caller, id, body).await?))
}

/// Deletes a phrase of the caller's department.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the phrase id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
        (status = 404, description = "`not_found`, also for another department's phrase", body = ErrorBody),
    )
)]
#[delete("/admin/phrases/{id}")]
pub async fn delete_phrase(
    state: web::Data<AppState>,
    Official(caller): Official,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id(&path, "no such phrase")?;
    phrases::delete(&state, &caller, id).await?;
    Ok(HttpResponse::NoContent().finish())
}
