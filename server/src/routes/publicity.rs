//! Publicity's API: interpretations administrators publish (`/api/v1/admin/interpretations`)
//! and their images; the anonymous count of a completed self-check (`POST /api/v1/reach`);
//! the reach figures (`GET /api/v1/admin/reach`).

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{Duration, NaiveDate};
use serde::Deserialize;
use shared::api::ErrorBody;
use shared::api::publicity::{
    ImageView, InterpretationRequest, InterpretationView, MAX_IMAGE_BYTES, ReachBeacon,
    ReachResponse,
};

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Admin, ClientAddr, Json, Overseer, Staff};
use crate::services::{Error, publicity};

/// Every published version of a measure's interpretation, in every language, newest first.
#[utoipa::path(
    tag = "publicity",
    security(("bearer" = [])),
    params(("measure" = String, Path, description = "a measure id of the catalog in force")),
    responses(
        (status = 200, description = "The versions", body = Vec<InterpretationView>),
        (status = 403, description = "`forbidden`: an owner", body = ErrorBody),
        (status = 404, description = "`not_found`: no such measure in the catalog in force", body = ErrorBody),
    )
)]
#[get("/admin/interpretations/{measure}")]
pub async fn versions(
    state: web::Data<AppState>,
    _staff: Staff,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(publicity::versions(&state, &path).await?))
}

/// Publishes a new version of a measure's interpretation in one language (Markdown; images
/// uploaded for the measure first). The public page shows it at once.
#[utoipa::path(
    tag = "publicity",
    security(("bearer" = [])),
    params(("measure" = String, Path, description = "a measure id of the catalog in force")),
    request_body = InterpretationRequest,
    responses(
        (status = 201, description = "Published", body = InterpretationView),
        (status = 403, description = "`forbidden`: not an administrator", body = ErrorBody),
        (status = 404, description = "`not_found`: no such measure in the catalog in force", body = ErrorBody),
        (status = 400, description = "`invalid_field`: an empty or long title or body, an image not uploaded for the measure, a link that is not http(s) (the field says which)", body = ErrorBody),
    )
)]
#[post("/admin/interpretations/{measure}")]
pub async fn publish(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<String>,
    Json(body): Json<InterpretationRequest>,
) -> Result<HttpResponse, ApiError> {
    let view = publicity::publish(&state, &admin, &path, body).await?;
    Ok(HttpResponse::Created().json(view))
}

/// Uploads an image for a measure's interpretations (the file as the body: JPEG, PNG or WebP
/// by its content, at most 1 MiB); answers the path to put in the body.
#[utoipa::path(
    tag = "publicity",
    security(("bearer" = [])),
    params(("measure" = String, Path, description = "a measure id of the catalog in force")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 201, description = "Stored", body = ImageView),
        (status = 403, description = "`forbidden`: not an administrator", body = ErrorBody),
        (status = 404, description = "`not_found`: no such measure in the catalog in force", body = ErrorBody),
        (status = 413, description = "`document_too_large`: more than 1 MiB", body = ErrorBody),
        (status = 415, description = "`unsupported_document_type`: not JPEG, PNG nor WebP", body = ErrorBody),
    )
)]
#[post("/admin/interpretations/{measure}/images")]
pub async fn upload_image(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let bytes = super::requests::confirmations::read_body(&req, payload, MAX_IMAGE_BYTES).await?;
    let view = publicity::upload_image(&state, &admin, &path, &bytes).await?;
    Ok(HttpResponse::Created().json(view))
}

/// Counts a completed self-check: the link's source, the county answered, the measures found
/// eligible. No account; nothing is kept but the counts (no address, no cookie, no answer).
#[utoipa::path(
    tag = "public",
    request_body = ReachBeacon,
    responses(
        (status = 202, description = "Counted"),
        (status = 400, description = "`malformed_json`, or `invalid_field`: a county or measure that is no id", body = ErrorBody),
        (status = 429, description = "`rate_limited`: this address reported many this minute", body = ErrorBody),
    )
)]
#[post("/reach")]
pub async fn beacon(
    state: web::Data<AppState>,
    req: HttpRequest,
    Json(body): Json<ReachBeacon>,
) -> Result<HttpResponse, ApiError> {
    let address = ClientAddr::of(&req, state.trust_proxy);
    if publicity::beacon(&state, &address.0, &body) {
        Ok(HttpResponse::Accepted().finish())
    } else {
        Err(Error::RateLimited { retry_after: 60 }.into())
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReachQuery {
    /// The first day (Beijing); 29 days before `to` when absent.
    pub from: Option<NaiveDate>,
    /// The last day (Beijing); today when absent.
    pub to: Option<NaiveDate>,
}

/// The reach of the links and posters over a period: per source, per measure, and per county
/// with the plan's 知晓率 and 覆盖面 and their denominators.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(ReachQuery),
    responses(
        (status = 200, description = "The figures", body = ReachResponse),
        (status = 400, description = "`invalid_query`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not the supervising office nor an administrator", body = ErrorBody),
        (status = 400, description = "`invalid_field`: `to` before `from`", body = ErrorBody),
    )
)]
#[get("/admin/reach")]
pub async fn reach(
    state: web::Data<AppState>,
    _overseer: Overseer,
    query: web::Query<ReachQuery>,
) -> Result<HttpResponse, ApiError> {
    let to = query.to.unwrap_or_else(|| state.today());
    let from = query.from.unwrap_or(to - Duration::days(29));
    Ok(HttpResponse::Ok().json(publicity::reach(&state, from, to).await?))
}
