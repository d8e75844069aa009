use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::AppState;

/// The active catalog: measures, departments, jurisdictions, parameters, in zh-CN and English.
#[utoipa::path(
    tag = "catalog",
    params(("If-None-Match" = Option<String>, Header, description = "The ETag of a copy the client keeps")),
    responses(
        (
            status = 200,
            description = "The catalog (the `Catalog` type of the shared crate; see catalog/2022.json)",
            body = Object,
        ),
        (status = 304, description = "The client's copy is current"),
    )
)]
#[get("/catalog")]
pub async fn get(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let active = state.active();
    let etag = active.etag.clone();
    let current = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut res = if current {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    res.insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::ETAG, etag));
    if current {
        return res.finish();
    }
    res.content_type(header::ContentType::json());
    crate::web_app::send_encoded(&req, res, &active.json, active.gzip(), active.brotli())
}
