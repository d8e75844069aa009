//! Request and response bodies of the HTTP API, shared by the server and the frontend.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::answers::{AnswerKey, Answers, JurisdictionId};
use crate::catalog::{ApplicationKind, Catalog, DepartmentId, How, MeasureId, SizeClass};
use crate::eligibility::{ChangeOp, Evaluation, Status};
use crate::i18n::Lang;
use crate::money::Fen;

pub mod assessment;
pub mod confirmations;
pub mod desk;
pub mod ledger;
pub mod publicity;
pub mod requests;
pub mod settings;
mod view;

pub use view::{EligibilityView, MeasureResultViewRef, Params, ReasonViewRef, RoutingViewRef};

/// `POST /api/v1/eligibility`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EligibilityRequest {
    /// The evaluation date; the server's configured date when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::wire::object")]
    pub answers: Answers,
    /// Answers the owner chose not to give ("I don't know"): never proposed as the next question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<AnswerKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EligibilityResponse {
    pub as_of: NaiveDate,
    pub catalog_version: String,
    /// The revision of administrators' facts and settings applied to the catalog version
    /// (0: none; the server sets it, an offline evaluation has none).
    #[serde(default)]
    pub rules_revision: i64,
    pub size_class: Option<SizeClass>,
    pub notice: String,
    /// The question that could change the most still-open results (ties by questionnaire
    /// order); `null` when no answer could change any.
    pub next_question: Option<AnswerKey>,
    pub results: Vec<MeasureResultView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureResultView {
    pub measure: MeasureId,
    pub title: String,
    pub status: Status,
    /// How this business obtains it (the measure's way, or `guidance` where its case is
    /// decided elsewhere, e.g. by a central SOE landlord).
    pub how: How,
    pub clause: String,
    pub reasons: Vec<ReasonView>,
    pub missing: Vec<AnswerKey>,
    pub estimate_fen: Option<Fen>,
    pub estimate_steps: Vec<StepView>,
    /// The request kind to file here; `null` when nothing is filed here.
    pub application_kind: Option<ApplicationKind>,
    /// The departments that decide this business's case (every candidate while an answer
    /// that narrows them is missing: see `routing`).
    pub departments: Vec<DepartmentId>,
    pub routing: RoutingView,
    /// When requests are accepted; `null` for measures not filed here.
    pub application_window: Option<WindowView>,
    /// For a result that is not eligible: the single answers a business could change that
    /// would make it eligible (empty when there is none).
    pub would_qualify_if: Vec<ChangeView>,
}

/// One answer changed so that the measure would be eligible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeView {
    pub answer: AnswerKey,
    pub op: ChangeOp,
    /// The value, as the answer is written (a number in its unit, or a boolean).
    #[cfg_attr(feature = "openapi", schema(value_type = Value))]
    pub value: serde_json::Value,
    pub text: String,
}

/// Who decides this business's case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoutingView {
    pub departments: Vec<DepartmentId>,
    /// The county-level unit whose government decides, when one does.
    pub jurisdiction: Option<JurisdictionId>,
    /// The landlord itself decides: nothing is filed here.
    pub by_landlord: bool,
    /// Answers that would narrow the departments.
    pub narrowed_by: Vec<AnswerKey>,
    pub text: String,
}

/// When requests for a measure are accepted, and whether they are on the evaluation date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WindowView {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// Requests are accepted on the evaluation date.
    pub open: bool,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonView {
    pub code: String,
    pub met: Option<bool>,
    /// The reason's parameters (answers and limits it compared), for machines.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub params: serde_json::Value,
    pub text: String,
    pub clause: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepView {
    pub text: String,
    /// What the step comes to; `null` for a note.
    pub amount_fen: Option<Fen>,
    /// The national rule the step's numbers come from, when not the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl EligibilityResponse {
    /// Renders an evaluation in one language, as the API sends it.
    pub fn render(
        catalog: &Catalog,
        evaluation: &Evaluation<'_>,
        lang: Lang,
    ) -> EligibilityResponse {
        Self::render_with::<true>(catalog, evaluation, lang)
    }

    /// The same, without each reason's machine parameters (`params` is `null`): what a page
    /// shows. Leaving them out keeps their serializer out of the WASM.
    pub fn render_text(
        catalog: &Catalog,
        evaluation: &Evaluation<'_>,
        lang: Lang,
    ) -> EligibilityResponse {
        Self::render_with::<false>(catalog, evaluation, lang)
    }

    fn render_with<const PARAMS: bool>(
        catalog: &Catalog,
        evaluation: &Evaluation<'_>,
        lang: Lang,
    ) -> EligibilityResponse {
        EligibilityView::new(catalog, evaluation, lang, PARAMS).owned::<PARAMS>()
    }
}

/// `GET /healthz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub catalog_version: String,
}

/// Every error body: `{"error": {"code", "message", "field"?, "request_id"?}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable, machine-readable: `invalid_body`, `invalid_field`, `payload_too_large`, …
    pub code: String,
    pub message: String,
    /// The request field at fault, as a path (`answers.employees`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is wrong with the field, as a stable code (`required`, `too_long`,
    /// `date_format`, …), for a payload's or a grant's field: the apps say it in the user's
    /// language; `message` says it in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// The id of the request (also its `X-Request-Id` header and in every log line about
    /// it), to quote when asking for help.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// For `rate_limited` and `unavailable`: the seconds until trying again is of use (also
    /// the `Retry-After` header), which the apps say in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

/// The file name a `Content-Disposition` header gives: its `filename*` (RFC 6266 and 5987:
/// `UTF-8''` and the name's bytes percent-encoded, so 台账-….xlsx keeps its Chinese name),
/// else its plain `filename="…"`; `None` when it gives neither, or an empty or unreadable one.
pub fn file_name(disposition: &str) -> Option<String> {
    let params = disposition.split(';').map(str::trim);
    let mut plain = None;
    for param in params {
        let Some((name, value)) = param.split_once('=') else {
            continue;
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "filename*" => {
                let Some((charset, rest)) = value.trim().split_once('\'') else {
                    continue;
                };
                let Some((_language, encoded)) = rest.split_once('\'') else {
                    continue;
                };
                if !charset.eq_ignore_ascii_case("utf-8") {
                    continue;
                }
                if let Some(name) = percent_decoded(encoded).filter(|n| !n.is_empty()) {
                    return Some(name);
                }
            }
            "filename" => {
                let name = value.trim().trim_matches('"');
                if !name.is_empty() {
                    plain = Some(name.to_string());
                }
            }
            _ => {}
        }
    }
    plain
}

/// `%E5%8F%B0` and the like, as UTF-8 text; `None` for a broken escape or bytes not UTF-8.
fn percent_decoded(encoded: &str) -> Option<String> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = encoded.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn a_file_keeps_its_chinese_name_from_the_extended_parameter() {
        let header = "attachment; filename=\"requests.xlsx\"; filename*=UTF-8''%E5%8F%B0%E8%B4%A6-%E5%BA%93%E5%B0%94%E5%8B%92%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C-2026-12-07.xlsx";
        assert_eq!(
            file_name(header).as_deref(),
            Some("台账-库尔勒市人民政府-2026-12-07.xlsx")
        );
    }

    #[test]
    fn without_an_extended_name_the_plain_one_is_used() {
        assert_eq!(
            file_name("attachment; filename=\"lease.pdf\"").as_deref(),
            Some("lease.pdf")
        );
        // A broken escape falls back to the plain name rather than a mangled one.
        assert_eq!(
            file_name("attachment; filename*=UTF-8''%E5%8F; filename=\"a.csv\"").as_deref(),
            Some("a.csv")
        );
        assert_eq!(file_name("attachment"), None);
        assert_eq!(file_name("attachment; filename=\"\""), None);
    }
}
