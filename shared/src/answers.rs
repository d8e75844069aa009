//! The questionnaire: what an owner tells us about the business. Every answer is optional;
//! a missing answer makes the rules that need it "unknown", never "no".

use serde::{Deserialize, Serialize};

use crate::values::money::Fen;
use crate::wire::wire_enum;

/// The largest amount of money any answer may hold: 10^13 yuan, far above any small business,
/// low enough that every calculation stays exact in `i64`.
pub const MAX_AMOUNT_FEN: Fen = 1_000_000_000_000_000;
/// Enough for the largest employer; a larger number is a typing mistake.
pub const MAX_EMPLOYEES: u32 = 10_000_000;
/// The tax years the questionnaire accepts.
pub const TAX_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

wire_enum!(
    /// The form on the business licence. `enterprise` is a company (有限责任公司, 股份有限公司),
    /// which pays enterprise income tax; sole proprietorships and partnerships are
    /// enterprises for size and relief but do not (企业所得税法 art. 1).
    EntityType {
        Enterprise => "enterprise",
        SoleProprietorship => "sole_proprietorship",
        Partnership => "partnership",
        IndividualBusiness => "individual_business",
        TechnicalSchool => "technical_school",
        OtherOrg => "other_org",
    }
);

wire_enum!(
    /// Industry rows of the national enterprise size standard (工信部联企业〔2011〕300号).
    Industry {
        Agriculture => "agriculture",
        Industry => "industry",
        Construction => "construction",
        Wholesale => "wholesale",
        Retail => "retail",
        Transport => "transport",
        Warehousing => "warehousing",
        Postal => "postal",
        Accommodation => "accommodation",
        Catering => "catering",
        InformationTransmission => "information_transmission",
        SoftwareIt => "software_it",
        RealEstateDevelopment => "real_estate_development",
        PropertyManagement => "property_management",
        LeasingBusinessServices => "leasing_business_services",
        Other => "other",
    }
);

wire_enum!(
    /// Where the business operates: the county-level units of the prefecture, or outside them.
    JurisdictionId {
        Korla => "korla",
        Luntai => "luntai",
        Yuli => "yuli",
        Ruoqiang => "ruoqiang",
        Qiemo => "qiemo",
        Yanqi => "yanqi",
        Hejing => "hejing",
        Hoxud => "hoxud",
        Bohu => "bohu",
        Ketdz => "ketdz",
        Other => "other",
    }
);

wire_enum!(
    VatTaxpayer {
        SmallScale => "small_scale",
        General => "general",
        None => "none",
    }
);

wire_enum!(
    /// Who the business rents its premises from, if anyone.
    Premises {
        Own => "own",
        RentPrefectureSoe => "rent_prefecture_soe",
        RentPrefectureAgency => "rent_prefecture_agency",
        RentCountyState => "rent_county_state",
        /// A central or autonomous-region state-owned enterprise, or a 兵团 (XPCC) unit.
        RentOtherState => "rent_other_state",
        RentPrivate => "rent_private",
        None => "none",
    }
);

wire_enum!(
    Utility {
        Electricity => "electricity",
        Water => "water",
        Gas => "gas",
    }
);

wire_enum!(
    /// The level of an approval or title.
    Level {
        National => "national",
        Provincial => "provincial",
        None => "none",
    }
);

/// The questionnaire's answers. Unknown fields are refused, so a misspelt answer is an error
/// instead of a silently missing one. Money is tax-exclusive integer fen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Answers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<EntityType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<Industry>,
    /// Employees (dispatched workers included), the year's quarterly average.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 10_000_000))]
    pub employees: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = 0, maximum = 1_000_000_000_000_000_i64))]
    pub annual_revenue_fen: Option<Fen>,
    /// Total assets, the year's quarterly average.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = 0, maximum = 1_000_000_000_000_000_i64))]
    pub total_assets_fen: Option<Fen>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<JurisdictionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_taxpayer: Option<VatTaxpayer>,
    /// All tax-exclusive sales in an average quarter of April–December 2022.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = 0, maximum = 1_000_000_000_000_000_i64))]
    pub quarterly_sales_fen: Option<Fen>,
    /// The part of those sales at the 3% levy rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = 0, maximum = 1_000_000_000_000_000_i64))]
    pub quarterly_sales_at_3pct_fen: Option<Fen>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 2000, maximum = 2100))]
    pub tax_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = 0, maximum = 1_000_000_000_000_000_i64))]
    pub taxable_income_fen: Option<Fen>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restricted_industry: Option<bool>,
    /// Was a small low-profit enterprise in the previous year's annual settlement (decides
    /// the six taxes and two fees for enterprises).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior_year_small_low_profit: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = 0, maximum = 1_000_000_000_000_000_i64))]
    pub six_taxes_two_fees_due_fen: Option<Fen>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premises: Option<Premises>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highway_service_area: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = 0, maximum = 1_000_000_000_000_000_i64))]
    pub monthly_rent_fen: Option<Fen>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rent_2022_paid: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epidemic_difficulty: Option<bool>,
    /// Cannot file or pay tax on time because of the epidemic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_filing_difficulty: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilities_in_arrears: Option<Vec<Utility>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industrial_water_user: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commercial_gas_user: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bids_in_public_tenders: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pays_unemployment_insurance: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_base_level: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_master_studio_level: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seeks_evaluation_institution: Option<bool>,
}

wire_enum!(
    /// The name of one answer, as the wire format spells it (used in `missing`).
    AnswerKey {
        EntityType => "entity_type",
        Industry => "industry",
        Employees => "employees",
        AnnualRevenueFen => "annual_revenue_fen",
        TotalAssetsFen => "total_assets_fen",
        Jurisdiction => "jurisdiction",
        VatTaxpayer => "vat_taxpayer",
        QuarterlySalesFen => "quarterly_sales_fen",
        QuarterlySalesAt3pctFen => "quarterly_sales_at_3pct_fen",
        TaxYear => "tax_year",
        TaxableIncomeFen => "taxable_income_fen",
        RestrictedIndustry => "restricted_industry",
        PriorYearSmallLowProfit => "prior_year_small_low_profit",
        SixTaxesTwoFeesDueFen => "six_taxes_two_fees_due_fen",
        Premises => "premises",
        HighwayServiceArea => "highway_service_area",
        MonthlyRentFen => "monthly_rent_fen",
        Rent2022Paid => "rent_2022_paid",
        EpidemicDifficulty => "epidemic_difficulty",
        UtilitiesInArrears => "utilities_in_arrears",
        TaxFilingDifficulty => "tax_filing_difficulty",
        IndustrialWaterUser => "industrial_water_user",
        CommercialGasUser => "commercial_gas_user",
        BidsInPublicTenders => "bids_in_public_tenders",
        PaysUnemploymentInsurance => "pays_unemployment_insurance",
        TrainingBaseLevel => "training_base_level",
        SkillMasterStudioLevel => "skill_master_studio_level",
        SeeksEvaluationInstitution => "seeks_evaluation_institution",
    }
);

wire_enum!(
    /// The yes/no answers a condition can test.
    FlagAnswer {
        RestrictedIndustry => "restricted_industry",
        PriorYearSmallLowProfit => "prior_year_small_low_profit",
        HighwayServiceArea => "highway_service_area",
        Rent2022Paid => "rent_2022_paid",
        EpidemicDifficulty => "epidemic_difficulty",
        TaxFilingDifficulty => "tax_filing_difficulty",
        IndustrialWaterUser => "industrial_water_user",
        CommercialGasUser => "commercial_gas_user",
        BidsInPublicTenders => "bids_in_public_tenders",
        PaysUnemploymentInsurance => "pays_unemployment_insurance",
        SeeksEvaluationInstitution => "seeks_evaluation_institution",
    }
);

wire_enum!(
    /// The numeric answers a condition can compare with a parameter.
    NumberAnswer {
        Employees => "employees",
        AnnualRevenueFen => "annual_revenue_fen",
        TotalAssetsFen => "total_assets_fen",
        TaxableIncomeFen => "taxable_income_fen",
    }
);

wire_enum!(
    /// The answers that hold a level.
    LevelAnswer {
        TrainingBaseLevel => "training_base_level",
        SkillMasterStudioLevel => "skill_master_studio_level",
    }
);

impl FlagAnswer {
    pub fn key(self) -> AnswerKey {
        match self {
            FlagAnswer::RestrictedIndustry => AnswerKey::RestrictedIndustry,
            FlagAnswer::PriorYearSmallLowProfit => AnswerKey::PriorYearSmallLowProfit,
            FlagAnswer::TaxFilingDifficulty => AnswerKey::TaxFilingDifficulty,
            FlagAnswer::HighwayServiceArea => AnswerKey::HighwayServiceArea,
            FlagAnswer::Rent2022Paid => AnswerKey::Rent2022Paid,
            FlagAnswer::EpidemicDifficulty => AnswerKey::EpidemicDifficulty,
            FlagAnswer::IndustrialWaterUser => AnswerKey::IndustrialWaterUser,
            FlagAnswer::CommercialGasUser => AnswerKey::CommercialGasUser,
            FlagAnswer::BidsInPublicTenders => AnswerKey::BidsInPublicTenders,
            FlagAnswer::PaysUnemploymentInsurance => AnswerKey::PaysUnemploymentInsurance,
            FlagAnswer::SeeksEvaluationInstitution => AnswerKey::SeeksEvaluationInstitution,
        }
    }
}

impl NumberAnswer {
    pub fn key(self) -> AnswerKey {
        match self {
            NumberAnswer::Employees => AnswerKey::Employees,
            NumberAnswer::AnnualRevenueFen => AnswerKey::AnnualRevenueFen,
            NumberAnswer::TotalAssetsFen => AnswerKey::TotalAssetsFen,
            NumberAnswer::TaxableIncomeFen => AnswerKey::TaxableIncomeFen,
        }
    }

    /// Whether the number is money (fen) rather than a head count.
    pub fn is_money(self) -> bool {
        !matches!(self, NumberAnswer::Employees)
    }
}

impl LevelAnswer {
    pub fn key(self) -> AnswerKey {
        match self {
            LevelAnswer::TrainingBaseLevel => AnswerKey::TrainingBaseLevel,
            LevelAnswer::SkillMasterStudioLevel => AnswerKey::SkillMasterStudioLevel,
        }
    }
}

/// An answer outside its allowed range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct AnswerError {
    /// The answer's wire path, e.g. `answers.monthly_rent_fen`.
    pub field: String,
    pub problem: String,
}

impl Answers {
    pub fn flag(&self, f: FlagAnswer) -> Option<bool> {
        match f {
            FlagAnswer::RestrictedIndustry => self.restricted_industry,
            FlagAnswer::PriorYearSmallLowProfit => self.prior_year_small_low_profit,
            FlagAnswer::TaxFilingDifficulty => self.tax_filing_difficulty,
            FlagAnswer::HighwayServiceArea => self.highway_service_area,
            FlagAnswer::Rent2022Paid => self.rent_2022_paid,
            FlagAnswer::EpidemicDifficulty => self.epidemic_difficulty,
            FlagAnswer::IndustrialWaterUser => self.industrial_water_user,
            FlagAnswer::CommercialGasUser => self.commercial_gas_user,
            FlagAnswer::BidsInPublicTenders => self.bids_in_public_tenders,
            FlagAnswer::PaysUnemploymentInsurance => self.pays_unemployment_insurance,
            FlagAnswer::SeeksEvaluationInstitution => self.seeks_evaluation_institution,
        }
    }

    /// A numeric answer in its own unit (fen, or heads for employees).
    pub fn number(&self, n: NumberAnswer) -> Option<i64> {
        match n {
            NumberAnswer::Employees => self.employees.map(i64::from),
            NumberAnswer::AnnualRevenueFen => self.annual_revenue_fen,
            NumberAnswer::TotalAssetsFen => self.total_assets_fen,
            NumberAnswer::TaxableIncomeFen => self.taxable_income_fen,
        }
    }

    pub fn level(&self, l: LevelAnswer) -> Option<Level> {
        match l {
            LevelAnswer::TrainingBaseLevel => self.training_base_level,
            LevelAnswer::SkillMasterStudioLevel => self.skill_master_studio_level,
        }
    }
}

impl EntityType {
    /// An enterprise for the size class and the measures that name enterprises: a company, a
    /// sole proprietorship or a partnership.
    pub fn is_enterprise(self) -> bool {
        matches!(
            self,
            EntityType::Enterprise | EntityType::SoleProprietorship | EntityType::Partnership
        )
    }
}

/// How an answer is given on a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKind {
    /// One of a fixed list of wire values.
    Choice,
    /// Yes or no.
    Flag,
    /// A whole number of people.
    Count,
    /// Money, entered in yuan and kept in fen.
    Money,
    /// A calendar year.
    Year,
    /// Any of the utilities.
    Utilities,
}

impl AnswerKey {
    /// The kind of question (as the catalog names it) that this engine reads the answer as.
    pub fn question_kind(self) -> &'static str {
        match self.kind() {
            AnswerKind::Choice if self == AnswerKey::Jurisdiction => "jurisdiction",
            AnswerKind::Choice => "one_of",
            AnswerKind::Flag => "yes_no",
            AnswerKind::Count => "count",
            AnswerKind::Money => "money",
            AnswerKind::Year => "year",
            AnswerKind::Utilities => "several_of",
        }
    }

    /// The values this engine reads for a list answer, as the wire spells them (none for the
    /// other answers, nor for the jurisdiction, whose values are the catalog's units).
    pub fn wire_values(self) -> Option<Vec<&'static str>> {
        fn all<T: Copy>(values: &[T], wire: fn(T) -> &'static str) -> Option<Vec<&'static str>> {
            Some(values.iter().map(|v| wire(*v)).collect())
        }
        match self {
            AnswerKey::EntityType => all(EntityType::ALL, EntityType::as_str),
            AnswerKey::Industry => all(Industry::ALL, Industry::as_str),
            AnswerKey::VatTaxpayer => all(VatTaxpayer::ALL, VatTaxpayer::as_str),
            AnswerKey::Premises => all(Premises::ALL, Premises::as_str),
            AnswerKey::TrainingBaseLevel | AnswerKey::SkillMasterStudioLevel => {
                all(Level::ALL, Level::as_str)
            }
            AnswerKey::UtilitiesInArrears => all(Utility::ALL, Utility::as_str),
            _ => None,
        }
    }

    pub fn kind(self) -> AnswerKind {
        use AnswerKey::*;
        match self {
            EntityType
            | Industry
            | Jurisdiction
            | VatTaxpayer
            | Premises
            | TrainingBaseLevel
            | SkillMasterStudioLevel => AnswerKind::Choice,
            Employees => AnswerKind::Count,
            AnnualRevenueFen
            | TotalAssetsFen
            | QuarterlySalesFen
            | QuarterlySalesAt3pctFen
            | TaxableIncomeFen
            | SixTaxesTwoFeesDueFen
            | MonthlyRentFen => AnswerKind::Money,
            TaxYear => AnswerKind::Year,
            UtilitiesInArrears => AnswerKind::Utilities,
            RestrictedIndustry
            | PriorYearSmallLowProfit
            | HighwayServiceArea
            | Rent2022Paid
            | EpidemicDifficulty
            | TaxFilingDifficulty
            | IndustrialWaterUser
            | CommercialGasUser
            | BidsInPublicTenders
            | PaysUnemploymentInsurance
            | SeeksEvaluationInstitution => AnswerKind::Flag,
        }
    }
}

/// A value an answer holds, as the wire writes it: read and written field by field, with no
/// JSON reader or writer of the whole `Answers` on the way (the questionnaire sets one answer
/// at a time).
pub(crate) trait WireValue: Sized {
    fn to_wire(&self) -> serde_json::Value;
    fn from_wire(value: &serde_json::Value) -> Option<Self>;
}

impl WireValue for bool {
    fn to_wire(&self) -> serde_json::Value {
        serde_json::Value::Bool(*self)
    }
    fn from_wire(value: &serde_json::Value) -> Option<bool> {
        value.as_bool()
    }
}

impl WireValue for u32 {
    fn to_wire(&self) -> serde_json::Value {
        serde_json::Value::from(*self)
    }
    fn from_wire(value: &serde_json::Value) -> Option<u32> {
        value.as_u64().and_then(|n| u32::try_from(n).ok())
    }
}

impl WireValue for i32 {
    fn to_wire(&self) -> serde_json::Value {
        serde_json::Value::from(*self)
    }
    fn from_wire(value: &serde_json::Value) -> Option<i32> {
        value.as_i64().and_then(|n| i32::try_from(n).ok())
    }
}

impl WireValue for i64 {
    fn to_wire(&self) -> serde_json::Value {
        serde_json::Value::from(*self)
    }
    fn from_wire(value: &serde_json::Value) -> Option<i64> {
        value.as_i64()
    }
}

impl<T: WireValue> WireValue for Vec<T> {
    fn to_wire(&self) -> serde_json::Value {
        serde_json::Value::Array(self.iter().map(T::to_wire).collect())
    }
    fn from_wire(value: &serde_json::Value) -> Option<Vec<T>> {
        value.as_array()?.iter().map(T::from_wire).collect()
    }
}

/// `get` and `with` over every answer, from one list of keys and fields.
macro_rules! answer_fields {
    ($($key:ident => $field:ident),+ $(,)?) => {
        impl Answers {
            /// The answer to one question as it is written on the wire (`None` when not given).
            pub fn get(&self, key: AnswerKey) -> Option<serde_json::Value> {
                match key {
                    $(AnswerKey::$key => self.$field.as_ref().map(WireValue::to_wire),)+
                }
            }

            /// These answers with one answer given (a wire value) or cleared (`None` or
            /// `null`), if the value is of the kind the answer takes; its range is the
            /// catalog's to check ([`crate::Catalog::answer`]).
            pub fn with(
                &self,
                key: AnswerKey,
                value: Option<serde_json::Value>,
            ) -> Result<Answers, AnswerError> {
                let mut next = self.clone();
                let value = value.filter(|v| !v.is_null());
                match key {
                    $(AnswerKey::$key => {
                        next.$field = match &value {
                            None => None,
                            Some(v) => Some(WireValue::from_wire(v).ok_or_else(|| AnswerError {
                                field: key.as_str().to_string(),
                                problem: format!("{v} is not a value this answer takes"),
                            })?),
                        };
                    })+
                }
                Ok(next)
            }
        }
    };
}

answer_fields!(
    EntityType => entity_type,
    Industry => industry,
    Employees => employees,
    AnnualRevenueFen => annual_revenue_fen,
    TotalAssetsFen => total_assets_fen,
    Jurisdiction => jurisdiction,
    VatTaxpayer => vat_taxpayer,
    QuarterlySalesFen => quarterly_sales_fen,
    QuarterlySalesAt3pctFen => quarterly_sales_at_3pct_fen,
    TaxYear => tax_year,
    TaxableIncomeFen => taxable_income_fen,
    RestrictedIndustry => restricted_industry,
    PriorYearSmallLowProfit => prior_year_small_low_profit,
    SixTaxesTwoFeesDueFen => six_taxes_two_fees_due_fen,
    Premises => premises,
    HighwayServiceArea => highway_service_area,
    MonthlyRentFen => monthly_rent_fen,
    Rent2022Paid => rent_2022_paid,
    EpidemicDifficulty => epidemic_difficulty,
    UtilitiesInArrears => utilities_in_arrears,
    TaxFilingDifficulty => tax_filing_difficulty,
    IndustrialWaterUser => industrial_water_user,
    CommercialGasUser => commercial_gas_user,
    BidsInPublicTenders => bids_in_public_tenders,
    PaysUnemploymentInsurance => pays_unemployment_insurance,
    TrainingBaseLevel => training_base_level,
    SkillMasterStudioLevel => skill_master_studio_level,
    SeeksEvaluationInstitution => seeks_evaluation_institution,
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// Every answer given, as a request body writes it.
    fn every_answer() -> Answers {
        serde_json::from_value(json!({
            "entity_type": "individual_business", "industry": "catering", "employees": 3,
            "annual_revenue_fen": 12_000_000, "total_assets_fen": 5_000_000,
            "jurisdiction": "luntai", "vat_taxpayer": "small_scale",
            "quarterly_sales_fen": 3_000_000, "quarterly_sales_at_3pct_fen": 2_000_000,
            "tax_year": 2022, "taxable_income_fen": 800_000, "restricted_industry": false,
            "prior_year_small_low_profit": true, "six_taxes_two_fees_due_fen": 40_000,
            "premises": "rent_county_state", "highway_service_area": true,
            "monthly_rent_fen": 500_000, "rent_2022_paid": false, "epidemic_difficulty": true,
            "utilities_in_arrears": ["electricity", "gas"], "tax_filing_difficulty": true,
            "industrial_water_user": false, "commercial_gas_user": true,
            "bids_in_public_tenders": false, "pays_unemployment_insurance": true,
            "training_base_level": "provincial", "skill_master_studio_level": "none",
            "seeks_evaluation_institution": false
        }))
        .unwrap()
    }

    #[test]
    fn answers_set_one_at_a_time_from_their_wire_values_come_out_as_the_request_body_reads_them() {
        let all = every_answer();
        let mut built = Answers::default();
        for &key in AnswerKey::ALL {
            let wire = all.get(key).unwrap_or_else(|| panic!("{key} is given"));
            assert_eq!(
                wire,
                serde_json::to_value(&all).unwrap()[key.as_str()],
                "{key}"
            );
            built = built.with(key, Some(wire)).unwrap();
        }
        assert_eq!(built, all);
    }

    #[test]
    fn an_answer_cleared_or_set_to_null_is_no_longer_given() {
        let all = every_answer();
        for &key in AnswerKey::ALL {
            assert_eq!(all.with(key, None).unwrap().get(key), None, "{key}");
            assert_eq!(
                all.with(key, Some(Value::Null)).unwrap().get(key),
                None,
                "{key}"
            );
        }
        assert_eq!(Answers::default().get(AnswerKey::Employees), None);
    }

    #[test]
    fn a_value_of_the_wrong_kind_or_out_of_range_is_refused_naming_the_answer() {
        let none = Answers::default();
        for (key, value) in [
            (AnswerKey::EntityType, json!("shop")),
            (AnswerKey::Employees, json!(-1)),
            (AnswerKey::Employees, json!(2.5)),
            (AnswerKey::MonthlyRentFen, json!("5000")),
            (AnswerKey::HighwayServiceArea, json!("yes")),
            (
                AnswerKey::UtilitiesInArrears,
                json!(["electricity", "coal"]),
            ),
        ] {
            let error = none.with(key, Some(value.clone())).unwrap_err();
            assert_eq!(error.field, key.as_str(), "{value}");
        }
        let catalog = crate::examples::shipped().unwrap();
        for (key, value) in [
            (AnswerKey::MonthlyRentFen, json!(-100)),
            (AnswerKey::TaxYear, json!(1990)),
            (AnswerKey::Employees, json!(10_000_001)),
        ] {
            assert!(
                none.with(key, Some(value.clone())).is_ok(),
                "{value} is of its kind"
            );
            let error = catalog.answer(&none, key, Some(value.clone())).unwrap_err();
            assert_eq!(error.field, key.as_str(), "{value}");
        }
        let sales = catalog
            .answer(&none, AnswerKey::QuarterlySalesFen, Some(json!(100)))
            .unwrap();
        let error = catalog
            .answer(&sales, AnswerKey::QuarterlySalesAt3pctFen, Some(json!(101)))
            .unwrap_err();
        assert_eq!(error.field, "quarterly_sales_at_3pct_fen");
        // The answers as they were are kept.
        assert_eq!(none, Answers::default());
    }
}
