//! `GET /api/v1/admin/dashboard`: the supervising office's figures.

use actix_web::{HttpResponse, get, web};
use shared::api::ErrorBody;
use shared::api::desk::DashboardResponse;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::Overseer;
use crate::services::dashboard;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// Requests filed on or after this day (Beijing); from the first when left out.
    pub from: Option<chrono::NaiveDate>,
    /// Requests filed on or before this day; up to today when left out.
    pub to: Option<chrono::NaiveDate>,
}

/// The totals of the requests filed in the period (each once), and per department and per
/// jurisdiction: received, decided, decided on time (and the rate), overdue now, mean
/// working days to decide, amounts approved (fen), businesses helped; and the requests
/// received and decided in each of the 12 weeks up to the period's end. Supervisors and
/// administrators only.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(DashboardQuery),
    responses(
        (status = 200, description = "The figures", body = DashboardResponse),
        (status = 400, description = "`invalid_query` (not a day) or `invalid_field` (`from` after `to`)", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a supervisor nor an administrator", body = ErrorBody),
    )
)]
#[get("/admin/dashboard")]
pub async fn get(
    state: web::Data<AppState>,
    _overseer: Overseer,
    query: Result<web::Query<DashboardQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let query = query
        .map_err(|e| ApiError::InvalidQuery {
            parameter: "from",
            message: format!("`from` and `to` are days (YYYY-MM-DD): {e}"),
        })?
        .into_inner();
    Ok(HttpResponse::Ok().json(dashboard::dashboard(&state, query.from, query.to).await?))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssessmentQuery {
    /// The first day (Beijing); the first of `to`'s month when left out.
    pub from: Option<chrono::NaiveDate>,
    /// The last day; today when left out.
    pub to: Option<chrono::NaiveDate>,
    /// Units with fewer requests decided in the period are not ranked (5 when left out).
    #[param(minimum = 1, maximum = 1000)]
    pub min_decided: Option<u64>,
    /// `xlsx` (a sheet per department and per county) or `csv`; the JSON table when left out.
    pub format: Option<crate::services::export::ExportFormat>,
}

/// The supervision and assessment table (督导考核, part 三(二)): per department and county
/// over a period, with the denominators; ranked only among units with at least
/// `min_decided` requests decided (the others "too few to rank"), units with no activity
/// named, the period of the same length before beside each figure. Supervisors and
/// administrators only.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(AssessmentQuery),
    responses(
        (status = 200, description = "The table (with `format`: the file, as an attachment)", body = shared::api::assessment::AssessmentResponse),
        (status = 400, description = "`invalid_query` (a day or `min_decided`), `invalid_field` (`from` after `to`, or a period over 366 days)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a supervisor nor an administrator", body = ErrorBody),
    )
)]
#[get("/admin/assessment")]
pub async fn assessment(
    state: web::Data<AppState>,
    _overseer: Overseer,
    query: Result<web::Query<AssessmentQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    use chrono::Datelike;
    let query = query
        .map_err(|e| ApiError::InvalidQuery {
            parameter: "from",
            message: format!("`from` and `to` are days (YYYY-MM-DD), `min_decided` a count: {e}"),
        })?
        .into_inner();
    let to = query.to.unwrap_or_else(|| state.today());
    let from = query.from.unwrap_or_else(|| to.with_day(1).unwrap_or(to));
    let min_decided = query
        .min_decided
        .unwrap_or(shared::api::assessment::MIN_DECIDED_DEFAULT);
    if !(1..=1000).contains(&min_decided) {
        return Err(ApiError::InvalidQuery {
            parameter: "min_decided",
            message: "from 1 to 1000".into(),
        });
    }
    let table = crate::services::assessment::assessment(&state, from, to, min_decided).await?;
    match query.format {
        None => Ok(HttpResponse::Ok().json(table)),
        Some(format) => {
            let file =
                crate::services::export::assessment::file(&state, &table, format, state.today())
                    .map_err(|e| ApiError::from(crate::services::Error::internal(&e)))?;
            Ok(super::requests::export::attachment(file, "assessment"))
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The month (`2026-11`); the month before this one when left out.
    #[param(pattern = r"^[0-9]{4}-[0-9]{2}$")]
    pub month: Option<String>,
}

/// The supervising office's monthly 通报 (part 三(二)): a printable page (A4) with the
/// month's figures per department, a bar chart of the on-time rates drawn as SVG, the units
/// praised and the units behind (overdue requests or rectifications), idle units named.
/// Supervisors and administrators only.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(ReportQuery),
    responses(
        (status = 200, description = "The page, to print", content_type = "text/html", body = String),
        (status = 400, description = "`invalid_query` or `invalid_field`: not a month", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a supervisor nor an administrator", body = ErrorBody),
    )
)]
#[get("/admin/assessment/report")]
pub async fn report(
    state: web::Data<AppState>,
    _overseer: Overseer,
    query: Result<web::Query<ReportQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    use chrono::Datelike;
    let query = query
        .map_err(|e| ApiError::InvalidQuery {
            parameter: "month",
            message: format!("a month written YYYY-MM: {e}"),
        })?
        .into_inner();
    let month = query.month.unwrap_or_else(|| {
        let first = state.today().with_day(1).unwrap_or_else(|| state.today());
        let last_month = first.pred_opt().unwrap_or(first);
        last_month.format("%Y-%m").to_string()
    });
    let html = crate::services::report::monthly(&state, &month).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .body(html))
}
