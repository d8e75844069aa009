//! The catalog: every measure of the plan as data, with its clause, original sentence,
//! departments, period, application window, condition, calculator and dated parameters.
//!
//! The shipped catalog is `catalog/2022.json` at the repository root. [`Catalog::parse`]
//! checks its structure; [`crate::examples::load`] also runs the catalog's own examples
//! through the engine (the example runner sits above both).

mod condition;
mod formula;
mod ids;
mod params;
mod question;
mod routing;
mod size_standard;
mod validate;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use condition::{Calculator, Condition};
pub use formula::{Expr, Formula, FormulaLine};
pub use ids::{
    ApplicationKind, Category, DepartmentId, How, JudgedBy, JurisdictionFact, MeasureId, ParamId,
    PeriodBasis, SizeClass, Status, Unit,
};
pub use ids::{measure_ids, param_ids};
pub use params::{Dated, ParamValue, Parameter};
pub use question::{Choice, Question, QuestionKind};
pub use routing::{RoutingRow, RoutingTable};
pub use size_standard::{SizeLimits, SizeRow, SizeStandard};
pub use validate::{CatalogError, FormulaProblem, ReferenceProblem};

use crate::answers::{Answers, JurisdictionId};
use crate::money::Fen;

/// The catalog file shipped with this build.
pub const SHIPPED_JSON: &str = include_str!("../../../catalog/2022.json");

/// Text in each language, by language tag: `{"zh-CN": "…", "en": "…"}`. Languages are data:
/// one is added by adding its entries, and a catalog is refused while a language the
/// interface speaks ([`crate::i18n::Lang::ALL`]) lacks one. Kept as a short list sorted by
/// tag (a map's code would weigh on the phone's first load for two or three entries).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct L10n(Vec<(String, String)>);

impl L10n {
    /// Text from (language tag, text) entries.
    pub fn of<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> L10n {
        let mut words = L10n::default();
        for (tag, text) in entries {
            words.set(tag, text);
        }
        words
    }

    /// The text in a language; in the default language where that one has none (a catalog in
    /// force has every language: the fallback is for a text written before a language came).
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        self.text(lang.as_str())
            .or_else(|| self.text(crate::i18n::Lang::default().as_str()))
            .unwrap_or("")
    }

    /// The text under a language tag, if it has one.
    pub fn text(&self, tag: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, text)| text.as_str())
    }

    /// Sets the text of a language.
    pub fn set(&mut self, tag: &str, text: impl Into<String>) {
        let text = text.into();
        match self.0.binary_search_by(|(t, _)| t.as_str().cmp(tag)) {
            Ok(i) => self.0[i].1 = text,
            Err(i) => self.0.insert(i, (tag.to_string(), text)),
        }
    }

    /// Every (language tag, text) entry, by tag.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .map(|(tag, text)| (tag.as_str(), text.as_str()))
    }
}

impl Serialize for L10n {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (tag, text) in &self.0 {
            map.serialize_entry(tag, text)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for L10n {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<L10n, D::Error> {
        struct Texts;
        impl<'de> serde::de::Visitor<'de> for Texts {
            type Value = L10n;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object from language tag to text")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<L10n, A::Error> {
                let mut words = L10n::default();
                while let Some((tag, text)) = map.next_entry::<String, String>()? {
                    if words.text(&tag).is_some() {
                        return Err(serde::de::Error::custom(format!("`{tag}` is given twice")));
                    }
                    words.set(&tag, text);
                }
                Ok(words)
            }
        }
        d.deserialize_map(Texts)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for L10n {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "L10n".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let required: Vec<&str> = crate::i18n::Lang::ALL.iter().map(|l| l.as_str()).collect();
        schemars::json_schema!({
            "description": "Text by language tag (zh-CN, en, …): each language of the interface is required, others may be added",
            "type": "object",
            "additionalProperties": { "type": "string" },
            "required": required
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub id: DepartmentId,
    pub name: L10n,
    /// Not one office but, for each business, the government of the unit it operates in (the
    /// jurisdiction's `government`): a case routed here goes to that unit.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_jurisdiction: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    pub id: JurisdictionId,
    pub name: L10n,
    /// The unit this one lies within (KETDZ lies within Korla): a measure naming the outer
    /// unit covers the inner one too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<JurisdictionId>,
    /// Listed as a medium/high epidemic-risk area in 2022; `null` until an administrator records it.
    pub medium_high_risk_2022: Option<bool>,
    /// Adopted the SME electricity subsidy (二(一)二); `null` until an administrator records it.
    pub electricity_subsidy: Option<bool>,
    /// The unit's government office (库尔勒市人民政府): who `county_government` is for a
    /// business here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub government: Option<L10n>,
}

impl Jurisdiction {
    pub fn fact(&self, fact: JurisdictionFact) -> Option<bool> {
        match fact {
            JurisdictionFact::MediumHighRisk2022 => self.medium_high_risk_2022,
            JurisdictionFact::ElectricitySubsidy => self.electricity_subsidy,
        }
    }
}

/// A span of dates (both ends inclusive; no end = open), where it comes from, and, for a
/// national basis, the document that sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[serde(
        serialize_with = "crate::values::date::serialize",
        deserialize_with = "crate::values::date::deserialize"
    )]
    pub from: NaiveDate,
    #[serde(
        default,
        serialize_with = "crate::values::date::option::serialize",
        deserialize_with = "crate::values::date::option::deserialize"
    )]
    pub to: Option<NaiveDate>,
    pub basis: PeriodBasis,
    /// The national document, when `basis` is `national`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Period {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }

    /// `date` moved into the period: itself when covered, else the nearer end.
    pub fn clamp(&self, date: NaiveDate) -> NaiveDate {
        if date < self.from {
            self.from
        } else {
            match self.to {
                Some(to) if date > to => to,
                _ => date,
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: MeasureId,
    /// Clause reference in the plan, e.g. `二(三)二`.
    pub clause: String,
    /// The plan's original sentence.
    pub original: String,
    pub title: L10n,
    pub summary: L10n,
    /// What to do to obtain it, and whom to contact.
    pub steps: L10n,
    pub category: Category,
    pub how: How,
    /// Every department that may decide a case of this measure; which of them decide one
    /// business's case is [`crate::eligibility::routing::route`]'s answer, from `routing`.
    pub departments: Vec<DepartmentId>,
    /// How one business's case is routed among `departments` by an answer; without a table,
    /// every department of the measure decides each case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing: Option<RoutingTable>,
    /// Where several of its departments share a request, the one that leads and decides
    /// (牵头单位) is the first of these among them; the others assist (see it, are not
    /// counted late for it). A request with one department is led by it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<DepartmentId>,
    pub period: Period,
    #[serde(default = "default_judged_by")]
    pub judged_by: JudgedBy,
    /// When requests are accepted (apply measures only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_window: Option<Period>,
    pub condition: Condition,
    /// About how much it is worth, by one of the calculators of this build (the enterprise
    /// income tax bands, the VAT quarters, the rent months) ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculator: Option<Calculator>,
    /// ... or by a formula written in the catalog (a measure has one or the other).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Formula>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_kind: Option<ApplicationKind>,
}

fn default_judged_by() -> JudgedBy {
    JudgedBy::EvaluationDate
}

/// A case the catalog carries to check itself: answers on a date, and what must come out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub name: String,
    #[serde(
        serialize_with = "crate::values::date::serialize",
        deserialize_with = "crate::values::date::deserialize"
    )]
    pub as_of: NaiveDate,
    pub answers: Answers,
    pub expect: Vec<Expectation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    pub measure: MeasureId,
    pub status: Status,
    /// When present, the estimate must be exactly this (`null`: no estimate).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "double_option::serialize",
        deserialize_with = "double_option::deserialize"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Fen>"))]
    pub estimate_fen: Option<Option<Fen>>,
}

mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Option<i64>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
        Option::<i64>::deserialize(d).map(Some)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The catalog's version, e.g. `2022.1`; results and applications keep it.
    pub version: String,
    pub title: L10n,
    /// The document the catalog reads.
    pub source: String,
    /// Shown with every result: results are for reference, the department decides.
    pub notice: L10n,
    pub departments: Vec<Department>,
    pub jurisdictions: Vec<Jurisdiction>,
    /// The questionnaire: every answer a condition, a calculation or a form reads.
    pub questions: Vec<Question>,
    pub parameters: Vec<Parameter>,
    pub size_standard: SizeStandard,
    #[serde(default)]
    pub definitions: BTreeMap<String, Condition>,
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub examples: Vec<Example>,
}

impl Catalog {
    /// Parses and validates a catalog file's structure (completeness, uniqueness,
    /// references, dates). Its examples are run by [`crate::examples::load`].
    pub fn parse(json: &str) -> Result<Catalog, CatalogError> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let catalog: Catalog =
            serde_path_to_error::deserialize(de).map_err(|e| CatalogError::Syntax {
                path: e.path().to_string(),
                message: e.inner().to_string(),
            })?;
        catalog.validate()?;
        Ok(catalog)
    }

    /// Parses a catalog the server already checked and serves (in the browser): neither
    /// validated again nor tracked by path — both are a large part of a WASM build, and
    /// catalog authors get them from [`Catalog::parse`].
    pub fn parse_served(json: &str) -> Result<Catalog, CatalogError> {
        serde_json::from_str(json).map_err(|e| CatalogError::Syntax {
            path: String::new(),
            message: e.to_string(),
        })
    }

    pub fn measure(&self, id: MeasureId) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// The question whose answer is `key`.
    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.key == key)
    }

    /// Where a question stands in the questionnaire (after every question for a key the
    /// catalog does not declare).
    pub fn question_order(&self, key: &str) -> usize {
        self.questions
            .iter()
            .position(|q| q.key == key)
            .unwrap_or(usize::MAX)
    }

    /// Departments in the catalog's order (any it does not list last, by id).
    pub fn in_department_order(&self, departments: &mut [DepartmentId]) {
        departments.sort_by_key(|d| {
            (
                self.departments
                    .iter()
                    .position(|x| x.id == *d)
                    .unwrap_or(usize::MAX),
                *d,
            )
        });
    }

    pub fn department(&self, id: DepartmentId) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    pub fn jurisdiction(&self, id: JurisdictionId) -> Option<&Jurisdiction> {
        self.jurisdictions.iter().find(|j| j.id == id)
    }

    pub fn parameter(&self, id: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.id == id)
    }

    /// The value of a parameter in force on a date, if any.
    pub fn param_at(&self, id: &str, date: NaiveDate) -> Option<ParamValue<'_>> {
        self.parameter(id)?.at(date)
    }

    /// A fact recorded about a jurisdiction, and the unit it was recorded for: its own
    /// record, or, for a fact that follows the area a unit lies in (the 2022 risk listing:
    /// 二(二)一 speaks of the county-level area), the record of the unit it lies within when
    /// nothing is recorded for it. KETDZ takes Korla's listing until one is recorded for it.
    pub fn jurisdiction_fact(
        &self,
        j: JurisdictionId,
        fact: JurisdictionFact,
    ) -> Option<(bool, JurisdictionId)> {
        let record = self.jurisdiction(j)?;
        if let Some(v) = record.fact(fact) {
            return Some((v, j));
        }
        let outer = record.within.filter(|_| fact.follows_outer_area())?;
        self.jurisdiction(outer)?.fact(fact).map(|v| (v, outer))
    }

    /// Whether `inner` is `outer` or lies within it.
    pub fn lies_within(&self, inner: JurisdictionId, outer: JurisdictionId) -> bool {
        let mut current = Some(inner);
        // The chain is validated to be short and acyclic; bound it anyway.
        for _ in 0..self.jurisdictions.len() + 1 {
            match current {
                Some(j) if j == outer => return true,
                Some(j) => current = self.jurisdiction(j).and_then(|j| j.within),
                None => return false,
            }
        }
        false
    }
}
