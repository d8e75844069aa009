//! `/api/v1/messages`: the owner's in-app messages.

use actix_web::{HttpResponse, get, post, web};
use shared::api::ErrorBody;
use shared::api::requests::MessagesResponse;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Authenticated, Lang};
use crate::services::messages;

/// The caller's messages, newest first, and how many are unread.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("lang" = Option<shared::Lang>, Query, description = "zh-CN (default) or en")),
    responses((status = 200, description = "The messages", body = MessagesResponse))
)]
#[get("/messages")]
pub async fn list(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Lang(lang): Lang,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(messages::list(&state, &caller, lang).await?))
}

/// Marks one message read.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the message id")),
    responses(
        (status = 204, description = "Read"),
        (status = 404, description = "`not_found`", body = ErrorBody),
    )
)]
#[post("/messages/{id}/read")]
pub async fn read(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    messages::mark_read(&state, &caller, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Marks every message read.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    responses((status = 204, description = "All read"))
)]
#[post("/messages/read")]
pub async fn read_all(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    messages::mark_all_read(&state, &caller).await?;
    Ok(HttpResponse::NoContent().finish())
}
