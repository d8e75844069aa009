//! The eligibility response as borrowed, typed views: serialized straight to JSON by the
//! server (no `serde_json::Value` on the way), and turned into the owned
//! [`EligibilityResponse`] for everyone else. One construction, so both say the same.

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{
    ChangeView, EligibilityResponse, MeasureResultView, ReasonView, RoutingView, StepView,
    WindowView,
};
use crate::answers::{AnswerKey, JurisdictionId};
use crate::catalog::{ApplicationKind, Catalog, DepartmentId, How, MeasureId, SizeClass};
use crate::eligibility::finding::Finding;
use crate::eligibility::{Evaluation, Status, next_question, would_qualify_if};
use crate::i18n::{Lang, change_text, finding_text, routing_text, step_line_text};
use crate::money::Fen;

/// [`EligibilityResponse`], borrowing from the catalog and the evaluation. Fields and their
/// order are those of the owned type (a test compares the bytes).
#[derive(Debug, Serialize)]
pub struct EligibilityView<'a> {
    pub as_of: NaiveDate,
    pub catalog_version: &'a str,
    /// See [`EligibilityResponse::rules_revision`] (0 until the server sets it).
    pub rules_revision: i64,
    pub size_class: Option<SizeClass>,
    pub notice: &'a str,
    pub next_question: Option<AnswerKey>,
    pub results: Vec<MeasureResultViewRef<'a>>,
}

/// [`MeasureResultView`], borrowed.
#[derive(Debug, Serialize)]
pub struct MeasureResultViewRef<'a> {
    pub measure: MeasureId,
    pub title: &'a str,
    pub status: Status,
    pub how: How,
    pub clause: &'a str,
    pub reasons: Vec<ReasonViewRef<'a>>,
    pub missing: &'a [&'a str],
    pub estimate_fen: Option<Fen>,
    pub estimate_steps: Vec<StepView>,
    pub application_kind: Option<ApplicationKind>,
    pub departments: &'a [DepartmentId],
    pub routing: RoutingViewRef<'a>,
    pub application_window: Option<WindowView>,
    pub would_qualify_if: Vec<ChangeView>,
}

/// [`RoutingView`], borrowed.
#[derive(Debug, Serialize)]
pub struct RoutingViewRef<'a> {
    pub departments: &'a [DepartmentId],
    pub jurisdiction: Option<JurisdictionId>,
    pub by_landlord: bool,
    pub narrowed_by: &'a [AnswerKey],
    pub text: String,
}

/// [`ReasonView`], borrowed: `params` is the finding itself, written without its code.
#[derive(Debug, Serialize)]
pub struct ReasonViewRef<'a> {
    pub code: &'static str,
    pub met: Option<bool>,
    /// `None` (`null`) where a page has no use for them.
    pub params: Option<Params<'a>>,
    pub text: String,
    pub clause: &'a str,
}

/// A finding's parameters as a JSON object: its fields in the order of their names (as the
/// owned view's `serde_json::Value` map has them), without `code`; an informative finding's
/// `inner` finding keeps its code.
#[derive(Debug, Clone, Copy)]
pub struct Params<'a>(pub &'a Finding<'a>);

impl Serialize for Params<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_finding(self.0, false, serializer)
    }
}

/// A finding with its code, as a nested object.
struct WithCode<'a>(&'a Finding<'a>);

impl Serialize for WithCode<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_finding(self.0, true, serializer)
    }
}

/// Writes a map of entries given in name order, putting `code` at its place when asked.
struct Sorted<M> {
    map: M,
    code: Option<&'static str>,
}

impl<M: SerializeMap> Sorted<M> {
    fn entry<V: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), M::Error> {
        if let Some(code) = self.code.filter(|_| "code" < key) {
            self.map.serialize_entry("code", code)?;
            self.code = None;
        }
        self.map.serialize_entry(key, value)
    }

    fn end(mut self) -> Result<M::Ok, M::Error> {
        if let Some(code) = self.code.take() {
            self.map.serialize_entry("code", code)?;
        }
        self.map.end()
    }
}

/// Each variant's fields, written in the order of their names (keep them so: a test
/// compares every variant with the derived serialization put through a sorted map).
fn write_finding<S: Serializer>(
    finding: &Finding<'_>,
    with_code: bool,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut m = Sorted {
        map: serializer.serialize_map(None)?,
        code: with_code.then(|| finding.code()),
    };
    match finding {
        Finding::Period {
            from,
            to,
            basis,
            source,
            as_of,
        } => {
            m.entry("as_of", as_of)?;
            m.entry("basis", basis)?;
            m.entry("from", from)?;
            m.entry("source", source)?;
            m.entry("to", to)?;
        }
        Finding::TaxYear {
            tax_year,
            from_year,
            to_year,
            basis,
            source,
        } => {
            m.entry("basis", basis)?;
            m.entry("from_year", from_year)?;
            m.entry("source", source)?;
            m.entry("tax_year", tax_year)?;
            m.entry("to_year", to_year)?;
        }
        Finding::ReliefPeriod {
            from,
            to,
            basis,
            source,
        } => {
            m.entry("basis", basis)?;
            m.entry("from", from)?;
            m.entry("source", source)?;
            m.entry("to", to)?;
        }
        Finding::AnswerIn {
            answer,
            allowed,
            actual,
            says: _,
        } => {
            m.entry("actual", actual)?;
            m.entry("allowed", allowed)?;
            m.entry("answer", answer)?;
        }
        Finding::Business {
            sizes,
            individual_business,
            entity_type,
            size_class,
        } => {
            m.entry("entity_type", entity_type)?;
            m.entry("individual_business", individual_business)?;
            m.entry("size_class", size_class)?;
            m.entry("sizes", sizes)?;
        }
        Finding::ServiceSector { industry } => {
            m.entry("industry", industry)?;
        }
        Finding::Answer {
            answer,
            expected,
            actual,
        } => {
            m.entry("actual", actual)?;
            m.entry("answer", answer)?;
            m.entry("expected", expected)?;
        }
        Finding::JurisdictionFact {
            fact,
            jurisdiction,
            value,
            recorded_for,
        } => {
            m.entry("fact", fact)?;
            m.entry("jurisdiction", jurisdiction)?;
            if recorded_for.is_some() {
                m.entry("recorded_for", recorded_for)?;
            }
            m.entry("value", value)?;
        }
        Finding::AtMost {
            answer,
            limit,
            actual,
        } => {
            m.entry("actual", actual)?;
            m.entry("answer", answer)?;
            m.entry("limit", limit)?;
        }
        Finding::InEffectFrom { from, as_of } => {
            m.entry("as_of", as_of)?;
            m.entry("from", from)?;
        }
        Finding::RiskAreaListed {
            jurisdiction,
            listed,
            recorded_for,
        } => {
            m.entry("jurisdiction", jurisdiction)?;
            m.entry("listed", listed)?;
            if recorded_for.is_some() {
                m.entry("recorded_for", recorded_for)?;
            }
        }
        Finding::LandlordDecides { .. } => {}
        Finding::NationalRule { tax_year } => {
            m.entry("tax_year", tax_year)?;
        }
        Finding::SmallScaleLimit {
            annual_sales,
            limit,
        } => {
            m.entry("annual_sales", annual_sales)?;
            m.entry("limit", limit)?;
        }
        Finding::Informative { note: _, inner } => {
            m.entry("inner", &WithCode(inner))?;
        }
    }
    m.end()
}

impl<'a> EligibilityView<'a> {
    /// The response for an evaluation in one language; `params` only when asked for.
    pub fn new(
        catalog: &'a Catalog,
        evaluation: &'a Evaluation<'a>,
        lang: Lang,
        with_params: bool,
    ) -> EligibilityView<'a> {
        let results = evaluation
            .results
            .iter()
            .filter_map(|r| {
                let measure = catalog.measure(r.measure)?;
                Some(MeasureResultViewRef {
                    measure: r.measure,
                    title: measure.title.get(lang),
                    status: r.status,
                    how: r.how,
                    clause: &measure.clause,
                    reasons: r
                        .reasons
                        .iter()
                        .map(|reason| ReasonViewRef {
                            code: reason.finding.code(),
                            met: reason.met,
                            params: with_params.then_some(Params(&reason.finding)),
                            text: finding_text(catalog, lang, &reason.finding, reason.met),
                            clause: reason.clause,
                        })
                        .collect(),
                    missing: &r.missing,
                    estimate_fen: r.estimate.amount,
                    estimate_steps: r
                        .estimate
                        .steps
                        .iter()
                        .map(|s| StepView {
                            text: step_line_text(catalog, lang, s),
                            amount_fen: s.amount,
                            source: s.source.clone(),
                        })
                        .collect(),
                    application_kind: measure.application_kind.filter(|_| r.how == How::Apply),
                    departments: &r.routing.departments,
                    routing: RoutingViewRef {
                        departments: &r.routing.departments,
                        jurisdiction: r.routing.jurisdiction,
                        by_landlord: r.routing.by_landlord,
                        narrowed_by: &r.routing.narrowed_by,
                        text: routing_text(catalog, lang, &r.routing),
                    },
                    application_window: r.window.as_ref().map(|w| WindowView {
                        from: w.period.from,
                        to: w.period.to,
                        open: w.open,
                        text: crate::i18n::window_text(lang, w.period.from, w.period.to, w.open),
                    }),
                    would_qualify_if: would_qualify_if(
                        catalog,
                        evaluation.answers,
                        evaluation.as_of,
                        r,
                    )
                    .into_iter()
                    .map(|c| ChangeView {
                        text: change_text(catalog, lang, &c),
                        answer: c.answer,
                        op: c.op,
                        value: c.value,
                    })
                    .collect(),
                })
            })
            .collect();
        EligibilityView {
            as_of: evaluation.as_of,
            catalog_version: &catalog.version,
            rules_revision: 0,
            size_class: evaluation.size.exact(),
            notice: catalog.notice.get(lang),
            next_question: next_question(evaluation, &[]),
            results,
        }
    }

    /// The owned response, for clients that keep or change it.
    pub fn into_owned(self) -> EligibilityResponse {
        self.owned::<true>()
    }

    /// The owned response; without `PARAMS` the parameters' serializer is not even compiled
    /// in (the WASM page shows sentences only).
    pub(crate) fn owned<const PARAMS: bool>(self) -> EligibilityResponse {
        EligibilityResponse {
            as_of: self.as_of,
            catalog_version: self.catalog_version.to_string(),
            rules_revision: self.rules_revision,
            size_class: self.size_class,
            notice: self.notice.to_string(),
            next_question: self.next_question,
            results: self
                .results
                .into_iter()
                .map(|r| MeasureResultView {
                    measure: r.measure,
                    title: r.title.to_string(),
                    status: r.status,
                    how: r.how,
                    clause: r.clause.to_string(),
                    reasons: r
                        .reasons
                        .into_iter()
                        .map(|reason| ReasonView {
                            code: reason.code.to_string(),
                            met: reason.met,
                            params: match reason.params {
                                Some(p) if PARAMS => {
                                    serde_json::to_value(p).unwrap_or(serde_json::Value::Null)
                                }
                                _ => serde_json::Value::Null,
                            },
                            text: reason.text,
                            clause: reason.clause.to_string(),
                        })
                        .collect(),
                    missing: r.missing.iter().map(|k| AnswerKey::from(*k)).collect(),
                    estimate_fen: r.estimate_fen,
                    estimate_steps: r.estimate_steps,
                    application_kind: r.application_kind,
                    departments: r.departments.to_vec(),
                    routing: RoutingView {
                        departments: r.routing.departments.to_vec(),
                        jurisdiction: r.routing.jurisdiction,
                        by_landlord: r.routing.by_landlord,
                        narrowed_by: r.routing.narrowed_by.to_vec(),
                        text: r.routing.text,
                    },
                    application_window: r.application_window,
                    would_qualify_if: r.would_qualify_if,
                })
                .collect(),
        }
    }
}
