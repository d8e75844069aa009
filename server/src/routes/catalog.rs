use actix_web::http::header;
use actix_web::{HttpResponse, get, web};

use crate::AppState;

/// The active catalog: measures, departments, jurisdictions, parameters, in zh-CN and English.
#[utoipa::path(
    get,
    path = "/api/v1/catalog",
    tag = "catalog",
    responses((
        status = 200,
        description = "The catalog (the `Catalog` type of the shared crate; see catalog/2022.json)",
        body = Object,
    ))
)]
#[get("/catalog")]
pub async fn get(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(header::ContentType::json())
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .insert_header((header::ETAG, format!("\"{}\"", state.catalog.version)))
        .body(state.catalog_json.clone())
}
