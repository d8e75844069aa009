use actix_web::{HttpResponse, post, web};
use shared::api::{EligibilityRequest, EligibilityResponse, EligibilityView};
use shared::eligibility::next_question;
use shared::evaluate;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::{self, Json};

/// The buffer an eligibility answer is written into (a full profile's is about 25 KB).
const RESPONSE_CAPACITY: usize = 32 * 1024;

/// Evaluates every measure for the answers given. The answers are a business's financial
/// data: they are neither stored nor logged.
#[utoipa::path(
    tag = "eligibility",
    params(("lang" = Option<shared::Lang>, Query, description = "zh-CN (default) or en")),
    request_body = EligibilityRequest,
    responses(
        (status = 200, description = "One result per measure", body = EligibilityResponse),
        (status = 400, description = "Bad input: `invalid_field` (naming the field), `malformed_json`, `invalid_query`", body = shared::api::ErrorBody),
        (status = 413, description = "Body over 64 KiB", body = shared::api::ErrorBody),
        (status = 415, description = "Not application/json", body = shared::api::ErrorBody),
    )
)]
#[post("/eligibility")]
pub async fn post(
    state: web::Data<AppState>,
    extract::Lang(lang): extract::Lang,
    Json(request): Json<EligibilityRequest>,
) -> Result<HttpResponse, ApiError> {
    let active = state.active();
    let catalog = &active.catalog;
    catalog
        .check_answers(&request.answers, "answers.")
        .map_err(|e| ApiError::InvalidField {
            field: e.field,
            message: e.problem,
        })?;
    if let Some((i, key)) = request
        .skipped
        .iter()
        .enumerate()
        .find(|(_, k)| catalog.question(k).is_none())
    {
        return Err(ApiError::InvalidField {
            field: format!("skipped[{i}]"),
            message: format!("`{key}` is not a question of the catalog in force"),
        });
    }
    let as_of = request.as_of.unwrap_or_else(|| state.as_of());
    let evaluation = evaluate(catalog, &request.answers, as_of);
    // Written straight from the evaluation: the bytes of `EligibilityResponse::render`
    // without building it (a test in `shared` compares the two).
    let mut response = EligibilityView::new(catalog, &evaluation, lang, true);
    response.rules_revision = active.revision;
    if !request.skipped.is_empty() {
        response.next_question = next_question(&evaluation, &request.skipped);
    }
    // A full profile's answer is about 25 KB: one allocation instead of a dozen regrowths
    // (each copying what was written so far).
    let mut body = Vec::with_capacity(RESPONSE_CAPACITY);
    serde_json::to_writer(&mut body, &response).map_err(|e| ApiError::internal(&e))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(body))
}
