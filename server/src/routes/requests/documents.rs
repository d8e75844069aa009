//! `POST /api/v1/requests/{id}/documents` (the file as the body) and
//! `GET /api/v1/requests/{id}/documents/{doc}`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, post, web};
use futures_util::StreamExt;
use serde::Deserialize;
use shared::api::ErrorBody;
use shared::api::requests::DocumentView;
use shared::application::DocumentPurpose;
use shared::error_code::ErrorCode;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::Authenticated;
use crate::services::requests;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// What the document is: lease, utility_bill, proof_of_difficulty, approval_document, other.
    pub purpose: DocumentPurpose,
}

/// Adds a photo or PDF to an open request of the caller's. The body is the file itself (any
/// `Content-Type`): its type is judged by its content, and it is kept under a generated name.
#[utoipa::path(
    post,
    path = "/api/v1/requests/{id}/documents",
    tag = "requests",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the request id"), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 201, description = "Stored", body = DocumentView),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 413, description = "`document_too_large` (SHUKUN_DOCUMENT_MAX_BYTES)", body = ErrorBody),
        (status = 415, description = "`unsupported_document_type`: not JPEG, PNG, HEIC, WebP nor PDF", body = ErrorBody),
    )
)]
#[post("/requests/{id}/documents")]
pub async fn upload(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<i64>,
    query: Result<web::Query<UploadQuery>, actix_web::Error>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let query = query.map_err(|e| ApiError::InvalidQuery {
        parameter: "purpose",
        message: e.to_string(),
    })?;
    let limit = state.document_max_bytes;
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::MalformedJson {
            message: format!("the body could not be read: {e}"),
        })?;
        if bytes.len() + chunk.len() > limit {
            return Err(ApiError::Refused {
                code: ErrorCode::DocumentTooLarge,
                field: Some("body"),
                message: format!("a document may be at most {limit} bytes"),
            });
        }
        bytes.extend_from_slice(&chunk);
    }
    let doc = requests::upload(&state, &caller, path.into_inner(), query.purpose, &bytes).await?;
    Ok(HttpResponse::Created().json(doc))
}

/// A document, for those who may see its request.
#[utoipa::path(
    get,
    path = "/api/v1/requests/{id}/documents/{doc}",
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
