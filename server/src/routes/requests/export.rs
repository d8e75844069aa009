//! `GET /api/v1/admin/requests/export`: the filtered queue as the officials' 台账.

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use shared::api::ErrorBody;

use super::read::{QueueQuery, queue_query};
use crate::AppState;
use crate::error::ApiError;
use crate::extract::Staff;
use crate::services::export::{self, ExportFormat};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `xlsx` or `csv`.
    pub format: ExportFormat,
}

/// The requests of the queue's filters (every page, up to 100,000) as an Excel workbook
/// (title, unit and period, frozen header, 序号, yuan with two decimals, subtotals by
/// department and a 合计 row) or a CSV file (UTF-8 with a byte-order mark). Recorded in the
/// audit log.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(ExportQuery, QueueQuery),
    responses(
        (status = 200, description = "The file, as an attachment", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`invalid_query` (format or a filter)", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    )
)]
#[get("/admin/requests/export")]
pub async fn get(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    format: Result<web::Query<ExportQuery>, actix_web::Error>,
    query: Result<web::Query<QueueQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let format = format
        .map_err(|e| ApiError::InvalidQuery {
            parameter: "format",
            message: format!("`xlsx` or `csv`: {e}"),
        })?
        .into_inner()
        .format;
    let filter = queue_query(query)?.filter();
    let file = export::export(&state, &caller, &filter, format).await?;
    Ok(attachment(file, "requests"))
}

/// A file as a download: an ASCII name (`<fallback>.<ext>`) and the UTF-8 one, never cached.
pub(crate) fn attachment(file: export::ExportFile, fallback: &str) -> HttpResponse {
    let ascii = file.filename.rsplit_once('.').map_or_else(
        || fallback.to_string(),
        |(_, ext)| format!("{fallback}.{ext}"),
    );
    HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![
                DispositionParam::Filename(ascii),
                DispositionParam::FilenameExt(header::ExtendedValue {
                    charset: header::Charset::Ext("UTF-8".into()),
                    language_tag: None,
                    value: file.filename.into_bytes(),
                }),
            ],
        })
        .body(file.bytes)
}
