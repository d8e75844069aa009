//! The OpenAPI document of the HTTP API, generated from the handlers and the shared types.

use actix_web::{HttpResponse, get};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Shukun 纾困通 API",
        description = "Relief eligibility for small businesses under Bayingolin Prefecture's 2022 plan. Money is integer fen."
    ),
    paths(
        super::health::healthz,
        super::catalog::get,
        super::eligibility::post,
        get
    ),
    components(schemas(shared::api::ErrorBody, shared::api::ErrorDetail))
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object))
)]
#[get("/openapi.json")]
pub async fn get() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
