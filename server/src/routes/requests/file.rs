//! `POST /api/v1/requests`.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::api::ErrorBody;
use shared::api::requests::{FileRequest, RefusedBody, RequestView};

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Json, Lang, Owner};
use crate::services::requests;

/// Files a request. The server evaluates eligibility again on its date with the catalog in
/// force; the answers are stored with the request as its evidence.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = [])),
    params(
        ("Idempotency-Key" = String, Header, min_length = 1, max_length = 128, pattern = "^[!-~]+$", description = "a UUID per filing, the same for its retries (at most 128 visible ASCII characters)"),
        ("lang" = Option<shared::Lang>, Query, description = "zh-CN (default) or en: the language of refusal reasons"),
    ),
    request_body = FileRequest,
    responses(
        (status = 201, description = "Filed", body = RequestView),
        (status = 200, description = "Filed before with this key and body: the same request", body = RequestView),
        (status = 400, description = "`idempotency_key_required`, `invalid_field` (naming the field)", body = ErrorBody),
        (status = 403, description = "`forbidden`: staff do not file", body = ErrorBody),
        (status = 409, description = "`open_request_exists`: one open request per business per measure", body = ErrorBody),
        (status = 422, description = "`not_eligible` or `application_window_closed`, with the reasons; `idempotency_key_reused` for another body", body = RefusedBody),
    )
)]
#[post("/requests")]
pub async fn post(
    state: web::Data<AppState>,
    Owner(caller): Owner,
    Lang(lang): Lang,
    req: HttpRequest,
    Json(body): Json<FileRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = requests::check_key(
        req.headers()
            .get("Idempotency-Key")
            .and_then(|v| v.to_str().ok()),
    )?;
    let filed = requests::file(&state, &caller, &key, body, lang).await?;
    let mut res = if filed.created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(res
        .insert_header(super::etag(filed.view.version))
        .insert_header(("Location", format!("/api/v1/requests/{}", filed.view.id)))
        .json(filed.view))
}
