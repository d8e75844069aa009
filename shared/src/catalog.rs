//! The catalog: every measure of the plan as data, with its clause, original sentence,
//! departments, period, condition, calculator and dated parameters.
//!
//! The shipped catalog is `catalog/2022.json` at the repository root, compiled in by
//! [`Catalog::shipped`]. [`Catalog::parse`] is the only way in: it validates and runs the
//! catalog's own examples, so a `Catalog` value is always usable.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::answers::{
    Answers, EntityType, FlagAnswer, Industry, JurisdictionId, Level, LevelAnswer, NumberAnswer,
    Premises, VatTaxpayer,
};
use crate::eval::Status;
use crate::money::Fen;
use crate::wire::wire_enum;

/// The catalog file shipped with this build.
pub const SHIPPED_JSON: &str = include_str!("../../catalog/2022.json");

impl ParamId {
    /// The unit the code reads this parameter in; the catalog must agree.
    pub fn unit(self) -> Unit {
        use ParamId::*;
        match self {
            SlpeMaxEmployees => Unit::People,
            CitStandardRateBp | CitReducedRateBp | CitBand1InclusionBp | CitBand2InclusionBp
            | VatLevyRateBp | SixTaxesReductionBp => Unit::Bp,
            RentStateMonthsRiskArea
            | RentStateMonthsBase
            | RentHighwayMonths
            | TaxPaymentDeferralMaxMonths => Unit::Months,
            SlpeMaxTaxableIncomeFen
            | SlpeMaxTotalAssetsFen
            | CitBand1UpperFen
            | CitBand2UpperFen
            | VatSmallScaleAnnualSalesLimitFen
            | VatQuarterlyExemptThresholdFen
            | RewardTrainingBaseNationalFen
            | RewardTrainingBaseProvincialFen
            | RewardSkillMasterStudioFen => Unit::Fen,
        }
    }
}

/// Text in both of Shukun's languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct L10n {
    #[serde(rename = "zh-CN")]
    pub zh: String,
    pub en: String,
}

impl L10n {
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::ZhCn => &self.zh,
            crate::i18n::Lang::En => &self.en,
        }
    }
}

wire_enum!(
    /// The fifteen measures of the plan, with the ids of POLICIES.md.
    MeasureId {
        UtilityDeferral => "utility-deferral",
        ElectricitySubsidy => "electricity-subsidy",
        WaterGasPriceCut => "water-gas-price-cut",
        BidGuarantee => "bid-guarantee",
        RentWaiverState => "rent-waiver-state",
        RentWaiverPrivate => "rent-waiver-private",
        RentWaiverHighway => "rent-waiver-highway",
        VatExemption => "vat-exemption",
        CitReduction => "cit-reduction",
        SixTaxesTwoFees => "six-taxes-two-fees",
        TaxDeferral => "tax-deferral",
        UnemploymentInsuranceRate => "unemployment-insurance-rate",
        SkillsTrainingBase => "skills-training-base",
        SkillMasterStudio => "skill-master-studio",
        SkillEvaluationInstitution => "skill-evaluation-institution",
    }
);

wire_enum!(
    /// The departments named in the plan.
    DepartmentId {
        Housing => "housing",
        Ndrc => "ndrc",
        Water => "water",
        Market => "market",
        StateGrid => "state_grid",
        TradingCenter => "trading_center",
        Sasac => "sasac",
        Finance => "finance",
        OfficesAdmin => "offices_admin",
        Transport => "transport",
        Tax => "tax",
        Hrss => "hrss",
        CountyGovernment => "county_government",
        SupervisionOffice => "supervision_office",
    }
);

wire_enum!(
    /// The dated parameters the rules and calculators read. Their values are data.
    ParamId {
        SlpeMaxTaxableIncomeFen => "slpe_max_taxable_income_fen",
        SlpeMaxEmployees => "slpe_max_employees",
        SlpeMaxTotalAssetsFen => "slpe_max_total_assets_fen",
        CitStandardRateBp => "cit_standard_rate_bp",
        CitReducedRateBp => "cit_reduced_rate_bp",
        CitBand1UpperFen => "cit_band1_upper_fen",
        CitBand1InclusionBp => "cit_band1_inclusion_bp",
        CitBand2UpperFen => "cit_band2_upper_fen",
        CitBand2InclusionBp => "cit_band2_inclusion_bp",
        VatSmallScaleAnnualSalesLimitFen => "vat_small_scale_annual_sales_limit_fen",
        VatLevyRateBp => "vat_levy_rate_bp",
        VatQuarterlyExemptThresholdFen => "vat_quarterly_exempt_threshold_fen",
        SixTaxesReductionBp => "six_taxes_reduction_bp",
        RentStateMonthsRiskArea => "rent_state_months_risk_area",
        RentStateMonthsBase => "rent_state_months_base",
        RentHighwayMonths => "rent_highway_months",
        TaxPaymentDeferralMaxMonths => "tax_payment_deferral_max_months",
        RewardTrainingBaseNationalFen => "reward_training_base_national_fen",
        RewardTrainingBaseProvincialFen => "reward_training_base_provincial_fen",
        RewardSkillMasterStudioFen => "reward_skill_master_studio_fen",
    }
);

wire_enum!(
    /// How a business obtains the relief.
    How {
        Apply => "apply",
        SelfDeclare => "self_declare",
        Automatic => "automatic",
        Guidance => "guidance",
    }
);

wire_enum!(
    Category {
        Utilities => "utilities",
        Tenders => "tenders",
        Rent => "rent",
        Tax => "tax",
        Employment => "employment",
        Skills => "skills",
    }
);

wire_enum!(
    /// The kinds of request filed in Shukun.
    ApplicationKind {
        UtilityDeferral => "utility_deferral",
        RentWaiverState => "rent_waiver_state",
        RentWaiverHighway => "rent_waiver_highway",
        SkillsTrainingBaseReward => "skills_training_base_reward",
        SkillMasterStudioReward => "skill_master_studio_reward",
        EvaluationInstitutionRegistration => "evaluation_institution_registration",
    }
);

wire_enum!(
    /// Enterprise size classes, smallest first.
    SizeClass {
        Micro => "micro",
        Small => "small",
        Medium => "medium",
        Large => "large",
    }
);

wire_enum!(
    /// Facts about a jurisdiction that an administrator records.
    JurisdictionFact {
        MediumHighRisk2022 => "medium_high_risk_2022",
        ElectricitySubsidy => "electricity_subsidy",
    }
);

wire_enum!(
    /// Whether a period's end comes from the seed or is our reading of it (marked † in POLICIES.md).
    PeriodBasis {
        Seed => "seed",
        OurReading => "our_reading",
    }
);

wire_enum!(
    /// The date a measure is judged by.
    JudgedBy {
        EvaluationDate => "evaluation_date",
        TaxYear => "tax_year",
    }
);

wire_enum!(
    Unit {
        Fen => "fen",
        Bp => "bp",
        Months => "months",
        People => "people",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub id: DepartmentId,
    pub name: L10n,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

impl Jurisdiction {
    pub fn fact(&self, fact: JurisdictionFact) -> Option<bool> {
        match fact {
            JurisdictionFact::MediumHighRisk2022 => self.medium_high_risk_2022,
            JurisdictionFact::ElectricitySubsidy => self.electricity_subsidy,
        }
    }
}

/// A parameter's value for a span of dates (both ends inclusive; no end = open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dated {
    pub from: NaiveDate,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    pub value: i64,
}

impl Dated {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub id: ParamId,
    pub name: L10n,
    pub unit: Unit,
    /// The clause or national rule the number comes from.
    pub source: String,
    /// Empty while the amount is redacted in the seed and no administrator has set it.
    pub values: Vec<Dated>,
}

/// A parameter value in force on a date, with where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamValue<'a> {
    pub value: i64,
    pub param: &'a Parameter,
}

/// Lower limits of one size class: a business needs every limit given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeLimits {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employees: Option<u32>,
    /// Revenue (营业收入) in 万元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue_wan: Option<i64>,
    /// Total assets in 万元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assets_wan: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeRow {
    pub industries: Vec<Industry>,
    /// Tertiary industry (服务业).
    pub service_sector: bool,
    pub large: SizeLimits,
    pub medium: SizeLimits,
    pub small: SizeLimits,
}

/// The national enterprise size standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeStandard {
    pub source: String,
    pub rows: Vec<SizeRow>,
}

impl SizeStandard {
    pub fn row(&self, industry: Industry) -> Option<&SizeRow> {
        self.rows.iter().find(|r| r.industries.contains(&industry))
    }
}

/// An eligibility condition: a tree evaluated in three-valued logic. Each leaf becomes one
/// reason in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// Every part holds.
    All(Vec<Condition>),
    /// At least one part holds.
    Any(Vec<Condition>),
    /// A named condition of the catalog's `definitions`.
    Ref(String),
    EntityIn(Vec<EntityType>),
    /// A business as a measure names it: an enterprise of one of these size classes, or,
    /// when `individual_business`, an individual business of any size.
    Business {
        sizes: Vec<SizeClass>,
        individual_business: bool,
    },
    ServiceSector,
    PremisesIn(Vec<Premises>),
    /// A yes/no answer is yes.
    Yes(FlagAnswer),
    /// A yes/no answer is no.
    No(FlagAnswer),
    AnyUtilityInArrears,
    /// Operates in one of these jurisdictions (or in a unit lying within one).
    JurisdictionIn(Vec<JurisdictionId>),
    /// Operates in the prefecture.
    InPrefecture,
    /// An administrator-recorded fact about the business's jurisdiction is true.
    JurisdictionFact(JurisdictionFact),
    VatTaxpayerIn(Vec<VatTaxpayer>),
    /// A numeric answer is at most a parameter's value.
    AtMost {
        answer: NumberAnswer,
        param: ParamId,
    },
    LevelIn {
        answer: LevelAnswer,
        levels: Vec<Level>,
    },
    /// This branch is in effect from a date (its own, within the measure's period).
    InEffectFrom(NaiveDate),
}

/// How the value of a measure is estimated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Calculator {
    /// Corporate income tax saved by a small low-profit enterprise, by tax year.
    CitSmallLowProfit,
    /// VAT saved by the 3% exemption beyond the earlier quarterly threshold.
    VatSmallScaleExemption,
    /// Rent waived on state-owned premises.
    RentStatePremises,
    /// Rent waived (or refunded) in a highway service area.
    RentHighwayServiceArea,
    /// Six taxes and two fees reduced.
    SixTaxesTwoFees,
    /// A reward whose amount depends on the level of an approval or title.
    LevelReward {
        answer: LevelAnswer,
        national: ParamId,
        provincial: ParamId,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: NaiveDate,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    pub basis: PeriodBasis,
}

impl Period {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub departments: Vec<DepartmentId>,
    pub period: Period,
    #[serde(default = "default_judged_by")]
    pub judged_by: JudgedBy,
    pub condition: Condition,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculator: Option<Calculator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_kind: Option<ApplicationKind>,
}

fn default_judged_by() -> JudgedBy {
    JudgedBy::EvaluationDate
}

/// A case the catalog carries to check itself: answers on a date, and what must come out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub name: String,
    pub as_of: NaiveDate,
    pub answers: Answers,
    pub expect: Vec<Expectation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    pub measure: MeasureId,
    pub status: Status,
    /// When present, the estimate must be exactly this (`null`: no estimate).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
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
    pub parameters: Vec<Parameter>,
    pub size_standard: SizeStandard,
    #[serde(default)]
    pub definitions: BTreeMap<String, Condition>,
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// Why a catalog was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("the catalog is not valid JSON for its schema at {path}: {message}")]
    Syntax { path: String, message: String },
    #[error("the catalog has no version")]
    NoVersion,
    #[error("measure {0} is missing")]
    MissingMeasure(MeasureId),
    #[error("measure {0} appears more than once")]
    DuplicateMeasure(MeasureId),
    #[error("department {0} is listed more than once")]
    DuplicateDepartment(DepartmentId),
    #[error("measure {measure} names department {department}, which the catalog does not list")]
    UnknownDepartment {
        measure: MeasureId,
        department: DepartmentId,
    },
    #[error("jurisdiction {0} is missing or listed more than once")]
    Jurisdiction(JurisdictionId),
    #[error("jurisdiction {0} lies within a jurisdiction the catalog does not list")]
    UnknownWithin(JurisdictionId),
    #[error("parameter {0} is missing or listed more than once")]
    Parameter(ParamId),
    #[error("parameter {0} has a value whose dates overlap another's or end before they start")]
    ParameterDates(ParamId),
    #[error("parameter {id} is in {found:?} but is read in {expected:?}")]
    ParameterUnit {
        id: ParamId,
        expected: Unit,
        found: Unit,
    },
    #[error("parameter {0} has a value out of range (negative, or a rate over 100%)")]
    ParameterRange(ParamId),
    #[error("industry {0:?} is missing from the size standard or in it twice")]
    SizeRow(Industry),
    #[error("measure {0}'s period ends before it starts")]
    Period(MeasureId),
    #[error("measure {measure} refers to the undefined condition {name}")]
    UnknownDefinition { measure: String, name: String },
    #[error("measure {0}: `how` is apply exactly when an application kind is given")]
    ApplicationKind(MeasureId),
    #[error("example {name}: {problem}")]
    Example { name: String, problem: String },
}

impl Catalog {
    /// The catalog compiled into this build. It is checked by the test suite, so failing
    /// here means a broken build; the caller still gets an error, not a panic.
    pub fn shipped() -> Result<Catalog, CatalogError> {
        Catalog::parse(SHIPPED_JSON)
    }

    /// Parses, validates and runs the examples of a catalog file.
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

    pub fn measure(&self, id: MeasureId) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    pub fn department(&self, id: DepartmentId) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    pub fn jurisdiction(&self, id: JurisdictionId) -> Option<&Jurisdiction> {
        self.jurisdictions.iter().find(|j| j.id == id)
    }

    pub fn parameter(&self, id: ParamId) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.id == id)
    }

    /// The value of a parameter in force on a date, if any.
    pub fn param_at(&self, id: ParamId, date: NaiveDate) -> Option<ParamValue<'_>> {
        let param = self.parameter(id)?;
        param
            .values
            .iter()
            .find(|v| v.covers(date))
            .map(|v| ParamValue {
                value: v.value,
                param,
            })
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

    /// Checks everything the types cannot: completeness, uniqueness, references, dates,
    /// and that the catalog's own examples come out as they say.
    pub fn validate(&self) -> Result<(), CatalogError> {
        if self.version.trim().is_empty() {
            return Err(CatalogError::NoVersion);
        }
        for &id in MeasureId::ALL {
            match self.measures.iter().filter(|m| m.id == id).count() {
                0 => return Err(CatalogError::MissingMeasure(id)),
                1 => {}
                _ => return Err(CatalogError::DuplicateMeasure(id)),
            }
        }
        let mut departments = BTreeSet::new();
        for d in &self.departments {
            if !departments.insert(d.id) {
                return Err(CatalogError::DuplicateDepartment(d.id));
            }
        }
        for &id in JurisdictionId::ALL {
            let count = self.jurisdictions.iter().filter(|j| j.id == id).count();
            let expected = usize::from(id != JurisdictionId::Other);
            if count != expected {
                return Err(CatalogError::Jurisdiction(id));
            }
        }
        for j in &self.jurisdictions {
            if let Some(outer) = j.within
                && (outer == j.id || self.jurisdiction(outer).is_none_or(|o| o.within.is_some()))
            {
                return Err(CatalogError::UnknownWithin(j.id));
            }
        }
        for &id in ParamId::ALL {
            let mut found = self.parameters.iter().filter(|p| p.id == id);
            let (Some(param), None) = (found.next(), found.next()) else {
                return Err(CatalogError::Parameter(id));
            };
            if param.unit != id.unit() {
                return Err(CatalogError::ParameterUnit {
                    id,
                    expected: id.unit(),
                    found: param.unit,
                });
            }
            let max = if param.unit == Unit::Bp {
                i64::from(crate::money::Bp::WHOLE)
            } else {
                crate::answers::MAX_AMOUNT_FEN
            };
            if param.values.iter().any(|v| !(0..=max).contains(&v.value)) {
                return Err(CatalogError::ParameterRange(id));
            }
            let mut spans: Vec<&Dated> = param.values.iter().collect();
            spans.sort_by_key(|v| v.from);
            for (i, v) in spans.iter().enumerate() {
                if v.to.is_some_and(|to| to < v.from) {
                    return Err(CatalogError::ParameterDates(id));
                }
                if let Some(next) = spans.get(i + 1)
                    && v.to.is_none_or(|to| to >= next.from)
                {
                    return Err(CatalogError::ParameterDates(id));
                }
            }
        }
        for &industry in Industry::ALL {
            let rows = self
                .size_standard
                .rows
                .iter()
                .filter(|r| r.industries.contains(&industry))
                .count();
            if rows != 1 {
                return Err(CatalogError::SizeRow(industry));
            }
        }
        for (name, condition) in &self.definitions {
            self.check_refs(name, condition, false)?;
        }
        for m in &self.measures {
            for &d in &m.departments {
                if !departments.contains(&d) {
                    return Err(CatalogError::UnknownDepartment {
                        measure: m.id,
                        department: d,
                    });
                }
            }
            if m.period.to.is_some_and(|to| to < m.period.from) {
                return Err(CatalogError::Period(m.id));
            }
            if (m.how == How::Apply) != m.application_kind.is_some() {
                return Err(CatalogError::ApplicationKind(m.id));
            }
            self.check_refs(m.id.as_str(), &m.condition, true)?;
        }
        self.run_examples()
    }

    fn check_refs(
        &self,
        owner: &str,
        condition: &Condition,
        refs_allowed: bool,
    ) -> Result<(), CatalogError> {
        match condition {
            Condition::All(parts) | Condition::Any(parts) => parts
                .iter()
                .try_for_each(|c| self.check_refs(owner, c, refs_allowed)),
            // Definitions may not refer to definitions: no cycles, no deep chains.
            Condition::Ref(name) if !refs_allowed || !self.definitions.contains_key(name) => {
                Err(CatalogError::UnknownDefinition {
                    measure: owner.to_string(),
                    name: name.clone(),
                })
            }
            _ => Ok(()),
        }
    }

    fn run_examples(&self) -> Result<(), CatalogError> {
        for example in &self.examples {
            let evaluation = crate::eval::evaluate(self, &example.answers, example.as_of);
            for expect in &example.expect {
                let fail = |problem: String| CatalogError::Example {
                    name: example.name.clone(),
                    problem,
                };
                let Some(result) = evaluation
                    .results
                    .iter()
                    .find(|r| r.measure == expect.measure)
                else {
                    return Err(fail(format!("no result for {}", expect.measure)));
                };
                if result.status != expect.status {
                    return Err(fail(format!(
                        "{} is {} where the example expects {}",
                        expect.measure,
                        result.status.as_str(),
                        expect.status.as_str()
                    )));
                }
                if let Some(estimate) = expect.estimate_fen
                    && result.estimate.amount != estimate
                {
                    return Err(fail(format!(
                        "{} is estimated at {:?} fen where the example expects {:?}",
                        expect.measure, result.estimate.amount, estimate
                    )));
                }
            }
        }
        Ok(())
    }
}
