//! Confirmation by the provider: the department's side (`/api/v1/admin/confirmations`) and
//! the provider's one-time link (`/api/v1/confirmations/{token}`, and the page `/confirm/…`).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use futures_util::StreamExt;
use shared::api::ErrorBody;
use shared::api::confirmations::{
    ConfirmationRefusedBody, ConfirmationView, CreatedConfirmation, NewConfirmation, ProviderAnswer,
};

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Json, Official, Staff};
use crate::services::export::ExportFile;
use crate::services::requests::confirmations::{self as service, LinkRefused};
use crate::services::{Error, RequestError};

use super::export::attachment;

/// The most bytes an uploaded template may have.
pub const MAX_TEMPLATE_BYTES: usize = 2 * 1024 * 1024;

pub(crate) fn link_refused(r: LinkRefused) -> ApiError {
    match r {
        LinkRefused::Unknown => ApiError::NotFound("no such confirmation link"),
        LinkRefused::Answered => ApiError::LinkExpired("this confirmation was answered already"),
        LinkRefused::Expired => ApiError::LinkExpired("this confirmation link has expired"),
    }
}

fn department_name(state: &AppState, view: &ConfirmationView) -> String {
    state.catalog().department(view.department).map_or_else(
        || view.department.as_str().to_string(),
        |d| d.name.get(shared::Lang::ZhCn).to_string(),
    )
}

fn template_file(state: &AppState, view: &ConfirmationView) -> Result<HttpResponse, ApiError> {
    let bytes = service::template(view, &department_name(state, view))?;
    Ok(attachment(
        ExportFile {
            content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename: service::template_name(view),
            bytes,
        },
        "confirmation",
    ))
}

/// Lists a provider's lines for a month (the requests named, deferrals of that month and
/// refunds or payments still due) and makes its one-time link, shown once.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    request_body = NewConfirmation,
    responses(
        (status = 201, description = "Sent: the link to give the provider, and the lines", body = CreatedConfirmation),
        (status = 400, description = "`invalid_field`: a provider name, a month, or requests with nothing left to confirm (the field says which)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an official", body = ErrorBody),
        (status = 404, description = "`not_found`: a request the caller may not see", body = ErrorBody),
    )
)]
#[post("/admin/confirmations")]
pub async fn create(
    state: web::Data<AppState>,
    Official(caller): Official,
    Json(body): Json<NewConfirmation>,
) -> Result<HttpResponse, ApiError> {
    let created = service::create(&state, &caller, body).await?;
    Ok(HttpResponse::Created().json(created))
}

/// The department's confirmations (all for supervisors), newest first, overdue ones marked.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The confirmations", body = Vec<ConfirmationView>),
        (status = 403, description = "`forbidden`: an owner", body = ErrorBody),
    )
)]
#[get("/admin/confirmations")]
pub async fn list(
    state: web::Data<AppState>,
    Staff(caller): Staff,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller).await?))
}

/// One confirmation with its lines and answers; 404 for another department's.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the confirmation id")),
    responses(
        (status = 200, description = "The confirmation", body = ConfirmationView),
        (status = 403, description = "`forbidden`: an owner", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    )
)]
#[get("/admin/confirmations/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::get(&state, &caller, path.into_inner()).await?))
}

/// The confirmation as the Excel template the provider fills (the department's copy).
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the confirmation id")),
    responses(
        (status = 200, description = "The template", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 403, description = "`forbidden`: an owner", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    )
)]
#[get("/admin/confirmations/{id}/template")]
pub async fn staff_template(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let view = service::get(&state, &caller, path.into_inner()).await?;
    template_file(&state, &view)
}

/// What the provider's link shows: only its confirmation's lines. No account.
#[utoipa::path(
    tag = "public",
    params(("token" = String, Path, description = "the link's token")),
    responses(
        (status = 200, description = "The lines to confirm", body = ConfirmationView),
        (status = 404, description = "`not_found`: no such link", body = ErrorBody),
        (status = 410, description = "`link_expired`: answered already, or expired", body = ErrorBody),
    )
)]
#[get("/confirmations/{token}")]
pub async fn by_token(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    match service::by_token(&state, &path).await? {
        Ok(view) => Ok(HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .json(view)),
        Err(r) => Err(link_refused(r)),
    }
}

/// The template, for the provider to fill.
#[utoipa::path(
    tag = "public",
    params(("token" = String, Path, description = "the link's token")),
    responses(
        (status = 200, description = "The template", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 404, description = "`not_found`: no such link", body = ErrorBody),
        (status = 410, description = "`link_expired`: answered already, or expired", body = ErrorBody),
    )
)]
#[get("/confirmations/{token}/template")]
pub async fn provider_template(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    match service::by_token(&state, &path).await? {
        Ok(view) => template_file(&state, &view),
        Err(r) => Err(link_refused(r)),
    }
}

/// The provider answers every line at once: done (amount and day) or not done (why). One
/// bad line refuses all, every problem listed; nothing is half applied.
#[utoipa::path(
    tag = "public",
    params(("token" = String, Path, description = "the link's token")),
    request_body = ProviderAnswer,
    responses(
        (status = 200, description = "Recorded: the confirmation as answered", body = ConfirmationView),
        (status = 404, description = "`not_found`: no such link", body = ErrorBody),
        (status = 410, description = "`link_expired`: answered already, or expired", body = ErrorBody),
        (status = 422, description = "`invalid_confirmation`: nothing recorded; `problems` lists every line at fault", body = ConfirmationRefusedBody),
    )
)]
#[post("/confirmations/{token}")]
pub async fn answer(
    state: web::Data<AppState>,
    path: web::Path<String>,
    Json(body): Json<ProviderAnswer>,
) -> Result<HttpResponse, ApiError> {
    match service::answer(&state, &path, body).await? {
        Ok(view) => Ok(HttpResponse::Ok().json(view)),
        Err(r) => Err(link_refused(r)),
    }
}

/// The provider uploads the filled template (the file as the body). Checked whole: a line
/// not theirs, a changed amount without a reason, a duplicate, a wrong total refuse the file
/// with every problem listed by row; nothing is half applied.
#[utoipa::path(
    tag = "public",
    params(("token" = String, Path, description = "the link's token")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "Recorded: the confirmation as answered", body = ConfirmationView),
        (status = 400, description = "`invalid_field`: an empty body (`body`)", body = ErrorBody),
        (status = 404, description = "`not_found`: no such link", body = ErrorBody),
        (status = 410, description = "`link_expired`: answered already, or expired", body = ErrorBody),
        (status = 413, description = "`document_too_large`: more than 2 MiB", body = ErrorBody),
        (status = 422, description = "`invalid_confirmation`: nothing recorded; `problems` lists every row at fault", body = ConfirmationRefusedBody),
    )
)]
#[post("/confirmations/{token}/upload")]
pub async fn upload(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let bytes = read_template(&req, payload).await?;
    match service::upload(&state, &path, &bytes).await? {
        Ok(view) => Ok(HttpResponse::Ok().json(view)),
        Err(r) => Err(link_refused(r)),
    }
}

/// A raw body of at most `limit` bytes (a declared length over it is refused before any
/// byte is read): 413 `document_too_large` past it.
pub(crate) async fn read_body(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> Result<Vec<u8>, ApiError> {
    let too_large = || ApiError::from(RequestError::DocumentTooLarge { limit });
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::MalformedJson {
            message: format!("the body could not be read: {e}"),
        })?;
        if bytes.len() + chunk.len() > limit {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// A filled template: a body of at most [`MAX_TEMPLATE_BYTES`], not empty.
pub(crate) async fn read_template(
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<Vec<u8>, ApiError> {
    let bytes = read_body(req, payload, MAX_TEMPLATE_BYTES).await?;
    if bytes.is_empty() {
        return Err(Error::field("body", "send the filled template (.xlsx)").into());
    }
    Ok(bytes)
}
