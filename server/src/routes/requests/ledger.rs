//! `GET /api/v1/requests/{id}/ledger` (the owner), `GET` and `POST
//! /api/v1/admin/requests/{id}/ledger` (officials), `GET /api/v1/admin/ledger/summary`
//! (supervisors).

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use shared::api::ErrorBody;
use shared::api::ledger::{
    LedgerEntryView, LedgerSummary, LedgerView, MissingReceipt, ReceiptRequest, ReceiptView,
    ResolutionRequest,
};
use shared::application::ledger::LedgerEntryRequest;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{Json, Official, Owner, Staff, Supervisor};
use crate::services::requests::{self, ledger};

/// What the decision granted and what happened to it since: the owner's own request.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the request id")),
    responses(
        (status = 200, description = "The request's ledger", body = LedgerView),
        (status = 403, description = "`forbidden`: not an owner", body = ErrorBody),
        (status = 404, description = "`not_found`, also for another owner's request", body = ErrorBody),
    )
)]
#[get("/requests/{id}/ledger")]
pub async fn owner(
    state: web::Data<AppState>,
    Owner(caller): Owner,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(ledger::get(&state, &caller, path.into_inner()).await?))
}

/// A request's ledger with who wrote each entry: for the officials it is routed to and
/// supervisors.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the request id")),
    responses(
        (status = 200, description = "The request's ledger", body = LedgerView),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`, also for requests the caller may not see", body = ErrorBody),
    )
)]
#[get("/admin/requests/{id}/ledger")]
pub async fn staff(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(ledger::get(&state, &caller, path.into_inner()).await?))
}

/// Records what happened after the approval — a deferred bill settled, rent refunded, a
/// reward paid — or reverses an earlier entry: an official of the department that decided.
/// Nothing is edited or deleted; the same `Idempotency-Key` again answers with the entry it
/// wrote (200).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "the request id"),
        ("Idempotency-Key" = String, Header, min_length = 1, max_length = 128, pattern = "^[!-~]+$", description = "a UUID per entry, the same for its retries (at most 128 visible ASCII characters)"),
    ),
    request_body = LedgerEntryRequest,
    responses(
        (status = 201, description = "The entry written", body = LedgerEntryView),
        (status = 200, description = "The entry an earlier post with this key wrote", body = LedgerEntryView),
        (status = 400, description = "`idempotency_key_required`, `invalid_field`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an official of the deciding department", body = ErrorBody),
        (status = 404, description = "`not_found`: not routed to this official", body = ErrorBody),
        (status = 422, description = "`invalid_entry` (the field and `problem` say what: an amount not above 0 or more than is outstanding, a day in the future, a reversal of a reversal or of another request's entry, a request not approved); `idempotency_key_reused`", body = ErrorBody),
    )
)]
#[post("/admin/requests/{id}/ledger")]
pub async fn record(
    state: web::Data<AppState>,
    Official(caller): Official,
    req: HttpRequest,
    path: web::Path<i64>,
    Json(body): Json<LedgerEntryRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = requests::check_key(
        req.headers()
            .get("Idempotency-Key")
            .and_then(|v| v.to_str().ok()),
    )?;
    let recorded = ledger::record(&state, &caller, path.into_inner(), key, body).await?;
    let mut res = if recorded.created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(res.json(recorded.entry))
}

/// The ledger's sums by the deciding department and by county: granted, still to settle,
/// still to receive, closed.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The sums", body = LedgerSummary),
        (status = 403, description = "`forbidden`: not the supervising office", body = ErrorBody),
    )
)]
#[get("/admin/ledger/summary")]
pub async fn summary(
    state: web::Data<AppState>,
    Supervisor(caller): Supervisor,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(ledger::summary(&state, &caller).await?))
}

/// The owner says whether a refund or a payment arrived, once; a "no" is a work item of the
/// department until it says what it found.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "the request id"),
        ("entry" = i64, Path, description = "the refund's or payment's entry id"),
    ),
    request_body = ReceiptRequest,
    responses(
        (status = 201, description = "The answer recorded", body = ReceiptView),
        (status = 403, description = "`forbidden`: not an owner", body = ErrorBody),
        (status = 404, description = "`not_found`: no such request of the caller's, or no such entry of it", body = ErrorBody),
        (status = 409, description = "`invalid_transition`: answered already", body = ErrorBody),
        (status = 422, description = "`invalid_entry`: not a refund or a payment (`no_receipt_asked`), or reversed (`entry_reversed`)", body = ErrorBody),
    )
)]
#[post("/requests/{id}/ledger/{entry}/receipt")]
pub async fn receipt(
    state: web::Data<AppState>,
    Owner(caller): Owner,
    path: web::Path<(i64, i64)>,
    Json(body): Json<ReceiptRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, entry) = path.into_inner();
    let answered = ledger::answer_receipt(&state, &caller, id, entry, body).await?;
    Ok(HttpResponse::Created().json(answered))
}

/// The deciding department closes a "not received" with what it found and did.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "the request id"),
        ("entry" = i64, Path, description = "the refund's or payment's entry id"),
    ),
    request_body = ResolutionRequest,
    responses(
        (status = 200, description = "The request's ledger after it", body = LedgerView),
        (status = 403, description = "`forbidden`: not an official of the deciding department", body = ErrorBody),
        (status = 404, description = "`not_found`: not routed to this official, or no such entry of it", body = ErrorBody),
        (status = 409, description = "`invalid_transition`: nothing open to close for the entry", body = ErrorBody),
        (status = 422, description = "`invalid_entry`: the resolution is empty or too long", body = ErrorBody),
    )
)]
#[post("/admin/requests/{id}/ledger/{entry}/resolution")]
pub async fn resolution(
    state: web::Data<AppState>,
    Official(caller): Official,
    path: web::Path<(i64, i64)>,
    Json(body): Json<ResolutionRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, entry) = path.into_inner();
    Ok(HttpResponse::Ok().json(ledger::resolve(&state, &caller, id, entry, body).await?))
}

/// Refunds and payments the owners say did not arrive, not yet closed: an official's
/// department's (in their jurisdictions), or all for the supervising office.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The open items, oldest first", body = Vec<MissingReceipt>),
        (status = 403, description = "`forbidden`: not an official nor a supervisor", body = ErrorBody),
    )
)]
#[get("/admin/ledger/not-received")]
pub async fn not_received(
    state: web::Data<AppState>,
    Staff(caller): Staff,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(ledger::missing(&state, &caller).await?))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LedgerExportQuery {
    /// `xlsx` or `csv`.
    pub format: crate::services::export::ExportFormat,
    /// Entries that happened on or after this day (`2022-06-01`).
    pub from: Option<chrono::NaiveDate>,
    /// Entries that happened on or before this day.
    pub to: Option<chrono::NaiveDate>,
}

/// The ledger after the decisions as departments send it up: every entry of the period, by
/// department and county, as an Excel workbook (title, unit and period, frozen header, 序号,
/// yuan, each department's sums and the whole's) or a CSV file (UTF-8 with a byte-order
/// mark): an official's department in their jurisdictions, or all for the supervising
/// office. Recorded in the audit log.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(LedgerExportQuery),
    responses(
        (status = 200, description = "The file, as an attachment", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`invalid_query` (format, from or to)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an official nor a supervisor", body = ErrorBody),
    )
)]
#[get("/admin/ledger/export")]
pub async fn export(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    query: Result<web::Query<LedgerExportQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let query = query
        .map_err(|e| ApiError::InvalidQuery {
            parameter: "format",
            message: format!("`format` is `xlsx` or `csv`; `from` and `to` are days: {e}"),
        })?
        .into_inner();
    let file = crate::services::export::ledger::export_ledger(
        &state,
        &caller,
        query.from,
        query.to,
        query.format,
    )
    .await?;
    Ok(super::export::attachment(file, "ledger"))
}
