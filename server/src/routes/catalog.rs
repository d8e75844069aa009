use actix_web::http::header;
use actix_web::{HttpResponse, get, web};

use crate::AppState;

/// The active catalog: measures, departments, jurisdictions, parameters, in zh-CN and English.
#[get("/catalog")]
pub async fn get(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(header::ContentType::json())
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .insert_header((header::ETAG, format!("\"{}\"", state.catalog.version)))
        .body(state.catalog_json.clone())
}
