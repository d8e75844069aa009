//! 好差评: `POST|GET /api/v1/requests/{id}/rating`; the rectifications
//! (`/api/v1/admin/rectifications`), their closing, appeal and review.

use actix_web::{HttpResponse, get, post, web};
use shared::api::ErrorBody;
use shared::application::rating::{
    RatingRequest, RatingView, RectificationText, RectificationView, ReviewRequest,
};

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Authenticated, Json, Official, Owner, Staff, Supervisor};
use crate::services::requests::rating;

/// The owner rates how a decided request was handled, once (一事一评): five levels and the
/// online indicators; the two lowest open a rectification for the department that decided.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the request id")),
    request_body = RatingRequest,
    responses(
        (status = 201, description = "The rating, with the rectification it opened", body = RatingView),
        (status = 403, description = "`forbidden`: not an owner", body = ErrorBody),
        (status = 404, description = "`not_found`: no such request of the caller's", body = ErrorBody),
        (status = 409, description = "`invalid_transition`: not decided yet, or rated already", body = ErrorBody),
        (status = 422, description = "`invalid_rating`: a level off 1–5, or a comment too long (the field says which)", body = ErrorBody),
    )
)]
#[post("/requests/{id}/rating")]
pub async fn rate(
    state: web::Data<AppState>,
    Owner(caller): Owner,
    path: web::Path<i64>,
    Json(body): Json<RatingRequest>,
) -> Result<HttpResponse, ApiError> {
    let view = rating::rate(&state, &caller, path.into_inner(), body).await?;
    Ok(HttpResponse::Created().json(view))
}

/// A request's rating: for its owner, its officials and supervisors; 404 before it is rated.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the request id")),
    responses(
        (status = 200, description = "The rating", body = RatingView),
        (status = 404, description = "`not_found`: no such request the caller may see, or not rated", body = ErrorBody),
    )
)]
#[get("/requests/{id}/rating")]
pub async fn get(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(rating::get(&state, &caller, path.into_inner()).await?))
}

/// The rectifications low ratings opened: an official's department's (in their
/// jurisdictions), all for the supervising office; oldest first, overdue ones marked.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rectifications", body = Vec<RectificationView>),
        (status = 403, description = "`forbidden`: not an official nor a supervisor", body = ErrorBody),
    )
)]
#[get("/admin/rectifications")]
pub async fn list(
    state: web::Data<AppState>,
    Staff(caller): Staff,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(rating::list(&state, &caller).await?))
}

/// The department closes a rectification with what it verified, fixed or explained.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the rectification id")),
    request_body = RectificationText,
    responses(
        (status = 200, description = "The rectification, closed", body = RectificationView),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
        (status = 404, description = "`not_found`: not the official's department's", body = ErrorBody),
        (status = 409, description = "`invalid_transition`: not open", body = ErrorBody),
        (status = 422, description = "`invalid_rating`: the text is empty or too long", body = ErrorBody),
    )
)]
#[post("/admin/rectifications/{id}/close")]
pub async fn close(
    state: web::Data<AppState>,
    Official(caller): Official,
    path: web::Path<i64>,
    Json(body): Json<RectificationText>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(rating::close(&state, &caller, path.into_inner(), body).await?))
}

/// The department asks the supervising office to review the rating (申诉), once.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the rectification id")),
    request_body = RectificationText,
    responses(
        (status = 200, description = "The rectification, its rating under review", body = RectificationView),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
        (status = 404, description = "`not_found`: not the official's department's", body = ErrorBody),
        (status = 409, description = "`invalid_transition`: appealed or reviewed already", body = ErrorBody),
        (status = 422, description = "`invalid_rating`: the text is empty or too long", body = ErrorBody),
    )
)]
#[post("/admin/rectifications/{id}/appeal")]
pub async fn appeal(
    state: web::Data<AppState>,
    Official(caller): Official,
    path: web::Path<i64>,
    Json(body): Json<RectificationText>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(rating::appeal(&state, &caller, path.into_inner(), body).await?))
}

/// The supervising office decides an appeal (复核): the rating upheld or voided.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the rectification id")),
    request_body = ReviewRequest,
    responses(
        (status = 200, description = "The rectification after the review", body = RectificationView),
        (status = 403, description = "`forbidden`: not the supervising office", body = ErrorBody),
        (status = 404, description = "`not_found`: no such rectification", body = ErrorBody),
        (status = 409, description = "`invalid_transition`: the rating is not under review", body = ErrorBody),
        (status = 422, description = "`invalid_rating`: the note is empty or too long", body = ErrorBody),
    )
)]
#[post("/admin/rectifications/{id}/review")]
pub async fn review(
    state: web::Data<AppState>,
    Supervisor(caller): Supervisor,
    path: web::Path<i64>,
    Json(body): Json<ReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(rating::review(&state, &caller, path.into_inner(), body).await?))
}
