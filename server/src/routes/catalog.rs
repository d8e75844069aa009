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

/// The catalog format's JSON Schema, written once from the shared crate's types.
fn schema_json() -> &'static [u8] {
    static JSON: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    JSON.get_or_init(|| {
        let mut format = schemars::schema_for!(shared::Catalog);
        format.insert("title".into(), "Shukun catalog".into());
        format.insert(
            "description".into(),
            "A relief plan as data: departments, jurisdictions, questions, dated parameters, \
             the size standard, conditions, measures and worked examples. What each construct \
             means is in docs/catalog.md; beyond the shape checked here, the server also checks \
             references, ranges, dates and the examples when it loads a catalog."
                .into(),
        );
        serde_json::to_vec_pretty(&format).unwrap_or_default()
    })
}

/// The JSON Schema of the catalog format, for the IT staff who write a plan's catalog (and
/// their editors, which check a file against it as it is typed).
#[utoipa::path(
    tag = "catalog",
    responses(
        (status = 200, description = "A JSON Schema (draft 2020-12) of the catalog file", body = Object, content_type = "application/schema+json"),
    )
)]
#[get("/catalog/schema")]
pub async fn schema() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .content_type("application/schema+json")
        .body(schema_json())
}
