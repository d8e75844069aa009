//! The questionnaire: what an owner tells us about the business. Every answer is optional;
//! a missing answer makes the rules that need it "unknown", never "no".

use serde::{Deserialize, Serialize};

use crate::values::money::Fen;
use crate::wire::{string_id, wire_enum};

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

/// The answers the engine itself still reads by name, with the kind of question each must be
/// (checked when a catalog loads: [`crate::Catalog::validate`]): the size standard's inputs,
/// the tax year a measure is judged by, the jurisdiction, and the inputs of the calculators
/// and request forms that are not yet declared in the catalog. Every other answer is the
/// catalog's alone.
pub mod keys {
    pub const ENTITY_TYPE: &str = "entity_type";
    pub const INDUSTRY: &str = "industry";
    pub const EMPLOYEES: &str = "employees";
    pub const ANNUAL_REVENUE_FEN: &str = "annual_revenue_fen";
    pub const TOTAL_ASSETS_FEN: &str = "total_assets_fen";
    pub const JURISDICTION: &str = "jurisdiction";
    pub const TAX_YEAR: &str = "tax_year";
    pub const QUARTERLY_SALES_FEN: &str = "quarterly_sales_fen";
    pub const QUARTERLY_SALES_AT_3PCT_FEN: &str = "quarterly_sales_at_3pct_fen";
    pub const TAXABLE_INCOME_FEN: &str = "taxable_income_fen";
    pub const PREMISES: &str = "premises";
    pub const HIGHWAY_SERVICE_AREA: &str = "highway_service_area";
    pub const MONTHLY_RENT_FEN: &str = "monthly_rent_fen";
    pub const RENT_2022_PAID: &str = "rent_2022_paid";
    pub const UTILITIES_IN_ARREARS: &str = "utilities_in_arrears";
    pub const TRAINING_BASE_LEVEL: &str = "training_base_level";
    pub const SKILL_MASTER_STUDIO_LEVEL: &str = "skill_master_studio_level";

    /// What in a catalog makes the engine read an answer by name.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ReadBy {
        /// A condition on the business's size class or sector (the size standard).
        SizeStandard,
        /// A measure judged by the tax year asked about.
        TaxYear,
        /// Always: the jurisdiction routes, records and files every case.
        Always,
        /// A measure estimated by this calculator.
        Calculator(crate::catalog::Calculator),
        /// A measure filed with this kind of request.
        Form(crate::catalog::ApplicationKind),
        /// A measure filed with any kind of request (the business's type, as registered).
        AnyForm,
    }

    /// One answer the engine reads by name.
    pub struct Read {
        pub key: &'static str,
        /// The kind of question it must be, as the catalog names kinds.
        pub kind: &'static str,
        /// For a list, exactly the values the engine knows.
        pub values: Option<Vec<&'static str>>,
        /// What in a catalog makes the engine read it.
        pub by: Vec<ReadBy>,
    }

    /// Each answer the engine reads, the kind of question it must be (as the catalog names
    /// kinds), for a list the values the engine knows, and what in a catalog makes it read:
    /// a catalog that uses none of those need not declare it.
    pub fn read() -> Vec<Read> {
        use super::*;
        use crate::catalog::{ApplicationKind as K, Calculator as C};
        use ReadBy::*;
        fn all<T: Copy>(values: &[T], wire: fn(T) -> &'static str) -> Option<Vec<&'static str>> {
            Some(values.iter().map(|v| wire(*v)).collect())
        }
        vec![
            Read {
                key: ENTITY_TYPE,
                kind: "one_of",
                values: all(EntityType::ALL, EntityType::as_str),
                by: vec![SizeStandard, AnyForm],
            },
            Read {
                key: INDUSTRY,
                kind: "one_of",
                values: all(Industry::ALL, Industry::as_str),
                by: vec![SizeStandard],
            },
            Read {
                key: EMPLOYEES,
                kind: "count",
                values: None,
                by: vec![SizeStandard],
            },
            Read {
                key: ANNUAL_REVENUE_FEN,
                kind: "money",
                values: None,
                by: vec![SizeStandard],
            },
            Read {
                key: TOTAL_ASSETS_FEN,
                kind: "money",
                values: None,
                by: vec![SizeStandard],
            },
            Read {
                key: JURISDICTION,
                kind: "jurisdiction",
                values: None,
                by: vec![Always],
            },
            Read {
                key: TAX_YEAR,
                kind: "year",
                values: None,
                by: vec![TaxYear],
            },
            Read {
                key: QUARTERLY_SALES_FEN,
                kind: "money",
                values: None,
                by: vec![Calculator(C::VatSmallScaleExemption)],
            },
            Read {
                key: QUARTERLY_SALES_AT_3PCT_FEN,
                kind: "money",
                values: None,
                by: vec![Calculator(C::VatSmallScaleExemption)],
            },
            Read {
                key: TAXABLE_INCOME_FEN,
                kind: "money",
                values: None,
                by: vec![Calculator(C::CitSmallLowProfit)],
            },
            Read {
                key: PREMISES,
                kind: "one_of",
                values: all(Premises::ALL, Premises::as_str),
                by: vec![Calculator(C::RentStatePremises), Form(K::RentWaiver)],
            },
            Read {
                key: HIGHWAY_SERVICE_AREA,
                kind: "yes_no",
                values: None,
                by: vec![Form(K::RentWaiver)],
            },
            Read {
                key: MONTHLY_RENT_FEN,
                kind: "money",
                values: None,
                by: vec![
                    Calculator(C::RentStatePremises),
                    Calculator(C::RentHighwayServiceArea),
                    Form(K::RentWaiver),
                ],
            },
            Read {
                key: RENT_2022_PAID,
                kind: "yes_no",
                values: None,
                by: vec![Calculator(C::RentHighwayServiceArea), Form(K::RentWaiver)],
            },
            Read {
                key: UTILITIES_IN_ARREARS,
                kind: "several_of",
                values: all(Utility::ALL, Utility::as_str),
                by: vec![Form(K::UtilityDeferral)],
            },
            Read {
                key: TRAINING_BASE_LEVEL,
                kind: "one_of",
                values: all(Level::ALL, Level::as_str),
                by: vec![Form(K::SkillsReward)],
            },
            Read {
                key: SKILL_MASTER_STUDIO_LEVEL,
                kind: "one_of",
                values: all(Level::ALL, Level::as_str),
                by: vec![Form(K::SkillsReward)],
            },
        ]
    }
}

string_id!(
    /// The name of one answer: the key of a question of the catalog (`employees`), as the
    /// wire spells it (in `missing`, `next_question`, `skipped`).
    AnswerKey
);

/// One answer as the wire writes it: yes or no, a whole number (a count, fen, a year), a
/// value of a list, or several values of a list. Which it must be is the catalog's question
/// to say ([`crate::Catalog::check_answers`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum AnswerValue {
    Yes(bool),
    Number(i64),
    Value(String),
    Values(Vec<String>),
}

impl AnswerValue {
    /// The value written as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            AnswerValue::Yes(b) => serde_json::Value::Bool(*b),
            AnswerValue::Number(n) => serde_json::Value::from(*n),
            AnswerValue::Value(s) => serde_json::Value::from(s.as_str()),
            AnswerValue::Values(v) => {
                serde_json::Value::Array(v.iter().map(|s| s.as_str().into()).collect())
            }
        }
    }

    /// Whether the answer is this value of a list, or lists it among several.
    pub fn holds(&self, value: &str) -> bool {
        match self {
            AnswerValue::Value(v) => v == value,
            AnswerValue::Values(list) => list.iter().any(|v| v == value),
            _ => false,
        }
    }

    /// A JSON value read as an answer (`None` for `null`), or why it cannot be one.
    pub fn from_json(value: &serde_json::Value) -> Result<Option<AnswerValue>, String> {
        use serde_json::Value;
        match value {
            Value::Null => Ok(None),
            Value::Bool(b) => Ok(Some(AnswerValue::Yes(*b))),
            Value::Number(n) => n
                .as_i64()
                .map(|n| Some(AnswerValue::Number(n)))
                .ok_or_else(|| format!("{n} is not a whole number")),
            Value::String(s) => Ok(Some(AnswerValue::Value(s.clone()))),
            Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .map(|v| Some(AnswerValue::Values(v)))
                .ok_or_else(|| "a list answer holds names, as strings".to_string()),
            Value::Object(_) => {
                Err("an answer is true/false, a whole number, a name or a list of names".into())
            }
        }
    }
}

impl From<bool> for AnswerValue {
    fn from(b: bool) -> AnswerValue {
        AnswerValue::Yes(b)
    }
}

impl From<i64> for AnswerValue {
    fn from(n: i64) -> AnswerValue {
        AnswerValue::Number(n)
    }
}

impl From<&str> for AnswerValue {
    fn from(s: &str) -> AnswerValue {
        AnswerValue::Value(s.to_string())
    }
}

impl From<Vec<String>> for AnswerValue {
    fn from(v: Vec<String>) -> AnswerValue {
        AnswerValue::Values(v)
    }
}

impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<AnswerValue, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        match AnswerValue::from_json(&value) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(serde::de::Error::custom("an answer is not null")),
            Err(problem) => Err(serde::de::Error::custom(problem)),
        }
    }
}

/// The questionnaire's answers: a map from question key to answer, as the wire writes it
/// (`{"employees": 3, "premises": "rent_private"}`; `null` is no answer). Which keys exist and
/// what each takes is the catalog's to say ([`crate::Catalog::check_answers`]); an answer to
/// a question the catalog in force does not ask is refused there, naming its key. Money is
/// tax-exclusive integer fen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Answers(std::collections::BTreeMap<String, AnswerValue>);

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Answers, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Answers;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map from question key to answer")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Answers, A::Error> {
                let mut answers = std::collections::BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    // `null` is no answer.
                    if let Some(value) = map.next_value::<Option<AnswerValue>>()? {
                        answers.insert(key, value);
                    }
                }
                Ok(Answers(answers))
            }
        }
        d.deserialize_map(Visit)
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
    /// Answers from JSON as the wire writes them.
    pub fn from_json(value: serde_json::Value) -> Result<Answers, serde_json::Error> {
        serde_json::from_value(value)
    }

    /// The answer to one question, if given.
    pub fn value(&self, key: &str) -> Option<&AnswerValue> {
        self.0.get(key)
    }

    /// The answer to one question as the wire writes it (`None` when not given).
    pub fn get(&self, key: &str) -> Option<serde_json::Value> {
        self.value(key).map(AnswerValue::to_json)
    }

    /// A yes/no answer.
    pub fn flag(&self, key: &str) -> Option<bool> {
        match self.value(key)? {
            AnswerValue::Yes(b) => Some(*b),
            _ => None,
        }
    }

    /// A whole-number answer (a count, fen, a year).
    pub fn number(&self, key: &str) -> Option<i64> {
        match self.value(key)? {
            AnswerValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The value of a one-of-a-list answer, as the wire spells it.
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.value(key)? {
            AnswerValue::Value(s) => Some(s),
            _ => None,
        }
    }

    /// The values of a several-of-a-list answer.
    pub fn list(&self, key: &str) -> Option<&[String]> {
        match self.value(key)? {
            AnswerValue::Values(v) => Some(v),
            _ => None,
        }
    }

    /// A one-of-a-list answer read as one of the engine's own names.
    pub fn choice<T: crate::wire::WireName>(&self, key: &str) -> Option<T> {
        self.text(key).and_then(T::from_wire)
    }

    /// A several-of-a-list answer read as the engine's own names (`None` if any is not one).
    pub fn choices<T: crate::wire::WireName>(&self, key: &str) -> Option<Vec<T>> {
        self.list(key)?.iter().map(|s| T::from_wire(s)).collect()
    }

    /// Whether the question was answered.
    pub fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// Every answer given, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &AnswerValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Gives (or replaces) one answer.
    pub fn set(&mut self, key: &str, value: impl Into<AnswerValue>) {
        self.0.insert(key.to_string(), value.into());
    }

    /// Takes one answer back.
    pub fn clear(&mut self, key: &str) {
        self.0.remove(key);
    }

    /// These answers with each of `other`'s given too (replacing the same key's).
    pub fn and(mut self, other: Answers) -> Answers {
        self.0.extend(other.0);
        self
    }

    /// These answers with one answer given (a wire value) or cleared (`None` or `null`), if
    /// the value is one an answer can be; its kind and range are the catalog's to check
    /// ([`crate::Catalog::answer`]).
    pub fn with(
        &self,
        key: &str,
        value: Option<serde_json::Value>,
    ) -> Result<Answers, AnswerError> {
        let mut next = self.clone();
        let value = match value {
            None => None,
            Some(v) => AnswerValue::from_json(&v).map_err(|problem| AnswerError {
                field: key.to_string(),
                problem,
            })?,
        };
        match value {
            None => next.clear(key),
            Some(v) => next.set(key, v),
        }
        Ok(next)
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// Every answer of the shipped catalog given, as a request body writes it.
    fn every_answer() -> Value {
        json!({
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
        })
    }

    #[test]
    fn answers_set_one_at_a_time_from_their_wire_values_come_out_as_the_request_body_reads_them() {
        let body = every_answer();
        let all = Answers::from_json(body.clone()).unwrap();
        let mut built = Answers::default();
        for (key, wire) in body.as_object().unwrap() {
            assert_eq!(all.get(key).as_ref(), Some(wire), "{key}");
            built = built.with(key, Some(wire.clone())).unwrap();
        }
        assert_eq!(built, all);
        assert_eq!(serde_json::to_value(&all).unwrap(), body);
    }

    #[test]
    fn each_answer_reads_as_its_kind_and_as_nothing_else() {
        let all = Answers::from_json(every_answer()).unwrap();
        assert_eq!(all.number("employees"), Some(3));
        assert_eq!(all.flag("employees"), None);
        assert_eq!(all.flag("highway_service_area"), Some(true));
        assert_eq!(all.text("premises"), Some("rent_county_state"));
        assert_eq!(
            all.choice::<Premises>("premises"),
            Some(Premises::RentCountyState)
        );
        assert_eq!(all.choice::<Level>("premises"), None);
        assert_eq!(
            all.choices::<Utility>("utilities_in_arrears"),
            Some(vec![Utility::Electricity, Utility::Gas])
        );
        assert_eq!(all.number("no_such_question"), None);
    }

    #[test]
    fn an_answer_cleared_or_set_to_null_is_no_longer_given() {
        let body = every_answer();
        let all = Answers::from_json(body.clone()).unwrap();
        for key in body.as_object().unwrap().keys() {
            assert_eq!(all.with(key, None).unwrap().get(key), None, "{key}");
            assert_eq!(
                all.with(key, Some(Value::Null)).unwrap().get(key),
                None,
                "{key}"
            );
        }
        let read = Answers::from_json(json!({"employees": null, "premises": "own"})).unwrap();
        assert!(!read.has("employees"));
        assert_eq!(
            serde_json::to_value(&read).unwrap(),
            json!({"premises": "own"})
        );
    }

    #[test]
    fn a_value_no_answer_can_be_is_refused_naming_the_answer() {
        let none = Answers::default();
        for value in [json!(2.5), json!({"a": 1}), json!(["electricity", 3])] {
            let error = none.with("employees", Some(value.clone())).unwrap_err();
            assert_eq!(error.field, "employees", "{value}");
        }
        assert!(Answers::from_json(json!({"employees": 2.5})).is_err());
        assert!(Answers::from_json(json!({"utilities_in_arrears": [1]})).is_err());
    }

    #[test]
    fn a_value_of_the_wrong_kind_or_out_of_range_is_refused_by_the_catalog_naming_the_answer() {
        let none = Answers::default();
        let catalog = crate::examples::shipped().unwrap();
        for (key, value) in [
            ("entity_type", json!("shop")),
            ("employees", json!(-1)),
            ("monthly_rent_fen", json!("5000")),
            ("highway_service_area", json!("yes")),
            ("utilities_in_arrears", json!(["electricity", "coal"])),
            ("monthly_rent_fen", json!(-100)),
            ("tax_year", json!(1990)),
            ("employees", json!(10_000_001)),
            ("no_such_question", json!(true)),
        ] {
            let error = catalog.answer(&none, key, Some(value.clone())).unwrap_err();
            assert_eq!(error.field, key, "{value}");
        }
        let sales = catalog
            .answer(&none, "quarterly_sales_fen", Some(json!(100)))
            .unwrap();
        let error = catalog
            .answer(&sales, "quarterly_sales_at_3pct_fen", Some(json!(101)))
            .unwrap_err();
        assert_eq!(error.field, "quarterly_sales_at_3pct_fen");
        // The answers as they were are kept.
        assert_eq!(none, Answers::default());
    }
}
