//! Request and response bodies of the HTTP API, shared by the server and the frontend.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::answers::{AnswerKey, Answers};
use crate::catalog::{ApplicationKind, Catalog, DepartmentId, How, MeasureId, SizeClass};
use crate::eval::{Evaluation, Status};
use crate::i18n::{Lang, finding_text, step_text};
use crate::money::Fen;

/// `POST /api/v1/eligibility`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EligibilityRequest {
    /// The evaluation date; the server's configured date when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    #[serde(default)]
    pub answers: Answers,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EligibilityResponse {
    pub as_of: NaiveDate,
    pub catalog_version: String,
    pub size_class: Option<SizeClass>,
    pub notice: String,
    pub results: Vec<MeasureResultView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureResultView {
    pub measure: MeasureId,
    pub title: String,
    pub status: Status,
    pub how: How,
    pub clause: String,
    pub reasons: Vec<ReasonView>,
    pub missing: Vec<AnswerKey>,
    pub estimate_fen: Option<Fen>,
    pub estimate_steps: Vec<StepView>,
    pub application_kind: Option<ApplicationKind>,
    pub departments: Vec<DepartmentId>,
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
}

impl EligibilityResponse {
    /// Renders an evaluation in one language.
    pub fn render(
        catalog: &Catalog,
        evaluation: &Evaluation<'_>,
        lang: Lang,
    ) -> EligibilityResponse {
        let results = evaluation
            .results
            .iter()
            .filter_map(|r| {
                let measure = catalog.measure(r.measure)?;
                Some(MeasureResultView {
                    measure: r.measure,
                    title: measure.title.get(lang).to_string(),
                    status: r.status,
                    how: measure.how,
                    clause: measure.clause.clone(),
                    reasons: r
                        .reasons
                        .iter()
                        .map(|reason| {
                            let mut params = serde_json::to_value(&reason.finding)
                                .unwrap_or(serde_json::Value::Null);
                            if let Some(map) = params.as_object_mut() {
                                map.remove("code");
                            }
                            ReasonView {
                                code: reason.finding.code().to_string(),
                                met: reason.met,
                                params,
                                text: finding_text(catalog, lang, &reason.finding, reason.met),
                                clause: reason.clause.to_string(),
                            }
                        })
                        .collect(),
                    missing: r.missing.clone(),
                    estimate_fen: r.estimate.amount,
                    estimate_steps: r
                        .estimate
                        .steps
                        .iter()
                        .map(|s| StepView {
                            text: step_text(lang, &s.step),
                            amount_fen: s.amount,
                        })
                        .collect(),
                    application_kind: measure.application_kind,
                    departments: measure.departments.clone(),
                })
            })
            .collect();
        EligibilityResponse {
            as_of: evaluation.as_of,
            catalog_version: catalog.version.clone(),
            size_class: evaluation.size.exact(),
            notice: catalog.notice.get(lang).to_string(),
            results,
        }
    }
}

/// `GET /healthz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub catalog_version: String,
}

/// Every error body: `{"error": {"code", "message", "field"?}}`.
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
}
