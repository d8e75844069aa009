//! `GET /api/v1/admin/dashboard`: the supervising office's figures.

use actix_web::{HttpResponse, get, web};
use shared::api::ErrorBody;
use shared::api::desk::DashboardResponse;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::Overseer;
use crate::services::dashboard;

/// Per department and per jurisdiction: received, decided, decided on time (and the rate),
/// overdue now, mean working days to decide, amounts approved (fen), businesses helped; and
/// the requests received and decided in each of the last 12 weeks. Supervisors and
/// administrators only.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The figures", body = DashboardResponse),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a supervisor nor an administrator", body = ErrorBody),
    )
)]
#[get("/admin/dashboard")]
pub async fn get(
    state: web::Data<AppState>,
    _overseer: Overseer,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(dashboard::dashboard(&state).await?))
}
