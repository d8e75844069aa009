use actix_web::{HttpResponse, get, web};
use shared::api::Health;

use crate::AppState;
use crate::error::{ApiError, Error};

/// Alive and able to reach the database.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Serving, database reachable", body = Health),
        (status = 503, description = "The database is unreachable", body = shared::api::ErrorBody),
    )
)]
#[get("/healthz")]
pub async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state.db.ping().await.map_err(|e| {
        tracing::warn!(error = %e, "health check: database unreachable");
        ApiError::App(Error::Unavailable)
    })?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ok".into(),
        catalog_version: state.catalog().version.clone(),
    }))
}
