//! `POST /api/v1/requests/{id}/documents` (the file as the body) and
//! `GET /api/v1/requests/{id}/documents/{doc}`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, post, web};
use futures_util::StreamExt;
use serde::Deserialize;
use shared::api::ErrorBody;
use shared::api::requests::DocumentView;
use shared::application::DocumentPurpose;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Authenticated, Owner};
use crate::services::{RequestError, requests};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// What the document is: lease, utility_bill, proof_of_difficulty, approval_document, other.
    pub purpose: DocumentPurpose,
}

/// Adds a photo or PDF to an open request of the caller's. The body is the file itself (any
/// `Content-Type`): its type is judged by its content, and it is kept under a generated name.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the request id"), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 201, description = "Stored", body = DocumentView),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`document_quota`: the request holds as many documents, or the owner stores as many bytes, as allowed; `invalid_transition`: decided", body = ErrorBody),
        (status = 413, description = "`document_too_large` (SHUKUN_DOCUMENT_MAX_BYTES)", body = ErrorBody),
        (status = 415, description = "`unsupported_document_type`: not JPEG, PNG, HEIC, WebP nor PDF", body = ErrorBody),
    )
)]
#[post("/requests/{id}/documents")]
pub async fn upload(
    state: web::Data<AppState>,
    Owner(caller): Owner,
    path: web::Path<i64>,
    query: Result<web::Query<UploadQuery>, actix_web::Error>,
    req: actix_web::HttpRequest,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let query = query.map_err(|e| ApiError::InvalidQuery {
        parameter: "purpose",
        message: e.to_string(),
    })?;
    // The request, the role, the state and the quotas first: no body is read for an upload
    // that would be refused anyway.
    let slot = requests::may_upload(&state, &caller, path.into_inner()).await?;
    let limit = slot.max_bytes;
    let too_large = || {
        if slot.quota_bound {
            ApiError::from(RequestError::DocumentQuota(format!(
                "your documents may take {limit} more bytes, the rest of what one business may store"
            )))
        } else {
            ApiError::from(RequestError::DocumentTooLarge { limit })
        }
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut bytes = web::BytesMut::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::MalformedJson {
            message: format!("the body could not be read: {e}"),
        })?;
        if bytes.len() + chunk.len() > limit {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    let doc = requests::upload(&state, &caller, slot, query.purpose, &bytes).await?;
    Ok(HttpResponse::Created().json(doc))
}

/// A document, for those who may see its request.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "the request id"),
        ("doc" = i64, Path, description = "the document id"),
    ),
    responses(
        (status = 200, description = "The file, as an attachment", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 404, description = "`not_found`", body = ErrorBody),
    )
)]
#[get("/requests/{id}/documents/{doc}")]
pub async fn download(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, doc) = path.into_inner();
    let (doc_type, filename, bytes) = requests::download(&state, &caller, id, doc).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, doc_type.mime()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes))
}
