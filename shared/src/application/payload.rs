//! What an owner fills in for each kind of request, checked here for the form and the server.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::answers::{Answers, Level, MAX_AMOUNT_FEN, Premises, Utility, keys};
use crate::catalog::{ApplicationKind, Measure, MeasureId, measure_ids};
use crate::money::Fen;
use crate::wire::wire_enum;

/// The longest free text accepted in a field.
pub const MAX_TEXT: usize = 200;

wire_enum!(
    /// Who lets the premises.
    LandlordType {
        PrefectureSoe => "prefecture_soe",
        PrefectureAgency => "prefecture_agency",
        CountyState => "county_state",
        HighwayOperator => "highway_operator",
    }
);

wire_enum!(
    /// What the skills reward is for.
    Recognition {
        TrainingBase => "training_base",
        SkillMasterStudio => "skill_master_studio",
    }
);

wire_enum!(
    InstitutionType {
        Enterprise => "enterprise",
        TechnicalSchool => "technical_school",
        SocialOrganization => "social_organization",
    }
);

impl LandlordType {
    /// The `premises` answer a state-owned landlord of this type stands for; `None` for a
    /// highway operator (the premises answer does not matter there).
    pub fn premises(self) -> Option<Premises> {
        match self {
            LandlordType::PrefectureSoe => Some(Premises::RentPrefectureSoe),
            LandlordType::PrefectureAgency => Some(Premises::RentPrefectureAgency),
            LandlordType::CountyState => Some(Premises::RentCountyState),
            LandlordType::HighwayOperator => None,
        }
    }
}

/// The first day of a `YYYY-MM` month.
pub fn month_start(m: &str) -> Option<NaiveDate> {
    if !is_month(m) {
        return None;
    }
    NaiveDate::from_ymd_opt(m[..4].parse().ok()?, m[5..].parse().ok()?, 1)
}

fn month_floor(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// `utility_deferral` (二(一)一).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UtilityDeferralPayload {
    pub utilities: Vec<Utility>,
    /// The account number with the provider.
    pub account_number: String,
    /// The months to defer, as `YYYY-MM`.
    pub months: Vec<String>,
    pub amount_per_month_fen: Fen,
}

/// `rent_waiver` (二(二)一 state-owned premises, 二(二)三 highway service areas).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RentWaiverPayload {
    pub premises_address: String,
    pub landlord_type: LandlordType,
    pub landlord_name: String,
    pub lease_start: NaiveDate,
    pub lease_end: NaiveDate,
    pub monthly_rent_fen: Fen,
    pub rent_2022_paid: bool,
}

/// `skills_reward` (二(四)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SkillsRewardPayload {
    pub recognition: Recognition,
    pub level: Level,
    pub approval_document_number: String,
    pub approval_date: NaiveDate,
}

/// One occupation an institution would evaluate, with its levels (1 to 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Occupation {
    pub name: String,
    pub levels: Vec<u8>,
}

/// `evaluation_institution` (二(五)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EvaluationInstitutionPayload {
    pub institution_type: InstitutionType,
    pub occupations: Vec<Occupation>,
    pub contact_name: String,
    pub contact_phone: String,
}

/// A payload of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Payload {
    UtilityDeferral(UtilityDeferralPayload),
    RentWaiver(RentWaiverPayload),
    SkillsReward(SkillsRewardPayload),
    EvaluationInstitution(EvaluationInstitutionPayload),
}

wire_enum!(
    /// What is wrong with a field of a payload or a grant: a stable code (the API's error
    /// body carries it as `problem`), said in each language by
    /// [`crate::i18n::payload::problem_text`].
    Problem {
        /// Empty, only spaces, or missing.
        Required => "required",
        /// Longer than [`MAX_TEXT`] characters.
        TooLong => "too_long",
        /// Not an amount of fen above 0 (and at most the largest accepted).
        NotPositiveAmount => "not_positive_amount",
        /// The payload is not a JSON object.
        NotAnObject => "not_an_object",
        /// A value of the wrong type, a name not among those allowed, or an unknown field.
        Unreadable => "unreadable",
        /// Not a date written `YYYY-MM-DD`.
        DateFormat => "date_format",
        /// Not a month written `YYYY-MM`.
        MonthFormat => "month_format",
        /// Nothing chosen where at least one is needed.
        NoneChosen => "none_chosen",
        /// Not one to twelve months.
        MonthCount => "month_count",
        /// Occupation levels other than 1 (高级技师) to 5 (初级工).
        LevelsOutOfRange => "levels_out_of_range",
        /// Not a mobile number.
        PhoneFormat => "phone_format",
        /// A lease that does not end after it starts.
        EndsBeforeStart => "ends_before_start",
        /// A landlord the measure is not for (a highway operator's waiver and the others').
        LandlordNotForMeasure => "landlord_not_for_measure",
        /// A recognition other than the one the measure rewards.
        RecognitionNotForMeasure => "recognition_not_for_measure",
        /// A level the reward is not for (neither national nor provincial).
        LevelNotRewarded => "level_not_rewarded",
        /// A utility not among the arrears answered.
        NotAmongArrears => "not_among_arrears",
        /// A landlord other than the premises answered.
        PremisesDiffer => "premises_differ",
        /// A value other than the answer the eligibility was decided on.
        DiffersFromAnswers => "differs_from_answers",
        /// A month named twice.
        MonthTwice => "month_twice",
        /// A month before the relief period.
        MonthBeforePeriod => "month_before_period",
        /// A month after the relief period.
        MonthAfterPeriod => "month_after_period",
        /// Months of two years in one request.
        MonthsOfTwoYears => "months_of_two_years",
        /// A grant of another kind than the request.
        WrongKind => "wrong_kind",
        /// A refund where the 2022 rent was not paid, or an exemption where it was.
        ReliefNotForPayment => "relief_not_for_payment",
        /// A refund or exemption outside a highway service area (or none there).
        ReliefOnlyForHighway => "relief_only_for_highway",
    }
);

/// A payload field at fault, with its wire path (`payload.lease_end`), its problem's code,
/// and the problem in English for the API's users (never shown by the apps: they say the
/// problem's code in the user's language).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct PayloadError {
    pub field: String,
    pub problem: Problem,
    pub message: String,
}

fn err(field: &str, problem: Problem, message: impl Into<String>) -> PayloadError {
    PayloadError {
        field: format!("payload.{field}"),
        problem,
        message: message.into(),
    }
}

fn text(field: &str, value: &str) -> Result<(), PayloadError> {
    let n = value.trim().chars().count();
    if n == 0 {
        return Err(err(field, Problem::Required, "must not be empty"));
    }
    if n > MAX_TEXT {
        return Err(err(
            field,
            Problem::TooLong,
            format!("must be at most {MAX_TEXT} characters"),
        ));
    }
    Ok(())
}

fn amount(field: &str, fen: Fen) -> Result<(), PayloadError> {
    if fen <= 0 || fen > MAX_AMOUNT_FEN {
        return Err(err(
            field,
            Problem::NotPositiveAmount,
            "must be a positive amount of fen",
        ));
    }
    Ok(())
}

/// The payload's fields that are dates.
const DATE_FIELDS: [&str; 3] = ["lease_start", "lease_end", "approval_date"];

fn parse<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Result<T, PayloadError> {
    // serde's derive would also read an array of the fields in order.
    if !value.is_object() {
        return Err(PayloadError {
            field: "payload".into(),
            problem: Problem::NotAnObject,
            message: "must be a JSON object".into(),
        });
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        let message = e.into_inner().to_string();
        // serde's own wording for a field left out (`Error::missing_field`).
        let problem = if message.starts_with("missing field") {
            Problem::Required
        } else if DATE_FIELDS.contains(&field.as_str()) {
            Problem::DateFormat
        } else {
            Problem::Unreadable
        };
        PayloadError {
            field: if field.is_empty() {
                "payload".into()
            } else {
                format!("payload.{field}")
            },
            problem,
            message,
        }
    })
}

/// Whether a month is written `YYYY-MM`.
pub fn is_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
        && matches!(s[5..].parse::<u32>(), Ok(1..=12))
}

impl Payload {
    /// Parses and checks the payload of a request of `kind` for `measure`, filed with `answers`.
    pub fn parse(
        kind: ApplicationKind,
        measure: MeasureId,
        answers: &Answers,
        value: &serde_json::Value,
    ) -> Result<Payload, PayloadError> {
        let payload = match kind {
            ApplicationKind::UtilityDeferral => Payload::UtilityDeferral(parse(value)?),
            ApplicationKind::RentWaiver => Payload::RentWaiver(parse(value)?),
            ApplicationKind::SkillsReward => Payload::SkillsReward(parse(value)?),
            ApplicationKind::EvaluationInstitution => Payload::EvaluationInstitution(parse(value)?),
        };
        payload.validate(measure, answers)?;
        Ok(payload)
    }

    pub fn kind(&self) -> ApplicationKind {
        match self {
            Payload::UtilityDeferral(_) => ApplicationKind::UtilityDeferral,
            Payload::RentWaiver(_) => ApplicationKind::RentWaiver,
            Payload::SkillsReward(_) => ApplicationKind::SkillsReward,
            Payload::EvaluationInstitution(_) => ApplicationKind::EvaluationInstitution,
        }
    }

    /// Checks every field, and that the payload agrees with the measure and the answers.
    pub fn validate(&self, measure: MeasureId, answers: &Answers) -> Result<(), PayloadError> {
        match self {
            Payload::UtilityDeferral(p) => {
                if p.utilities.is_empty() {
                    return Err(err(
                        "utilities",
                        Problem::NoneChosen,
                        "name at least one utility",
                    ));
                }
                if let Some(arrears) = answers.choices::<Utility>(keys::UTILITIES_IN_ARREARS)
                    && let Some(u) = p.utilities.iter().find(|u| !arrears.contains(u))
                {
                    return Err(err(
                        "utilities",
                        Problem::NotAmongArrears,
                        format!("{u} is not among answers.utilities_in_arrears"),
                    ));
                }
                text("account_number", &p.account_number)?;
                if p.months.is_empty() || p.months.len() > 12 {
                    return Err(err(
                        "months",
                        Problem::MonthCount,
                        "name one to twelve months",
                    ));
                }
                if let Some(m) = p.months.iter().find(|m| !is_month(m)) {
                    return Err(err(
                        "months",
                        Problem::MonthFormat,
                        format!("`{m}` is not a month (YYYY-MM)"),
                    ));
                }
                amount("amount_per_month_fen", p.amount_per_month_fen)
            }
            Payload::RentWaiver(p) => {
                text("premises_address", &p.premises_address)?;
                text("landlord_name", &p.landlord_name)?;
                if p.lease_end <= p.lease_start {
                    return Err(err(
                        "lease_end",
                        Problem::EndsBeforeStart,
                        "must be after lease_start",
                    ));
                }
                amount("monthly_rent_fen", p.monthly_rent_fen)?;
                let highway = p.landlord_type == LandlordType::HighwayOperator;
                if highway != (measure == measure_ids::RENT_WAIVER_HIGHWAY) {
                    return Err(err(
                        "landlord_type",
                        Problem::LandlordNotForMeasure,
                        format!("`{}` is not for {measure}", p.landlord_type),
                    ));
                }
                let premises = p.landlord_type.premises();
                let answered = answers.choice::<Premises>(keys::PREMISES);
                if premises.is_some() && answered.is_some() && premises != answered {
                    return Err(err(
                        "landlord_type",
                        Problem::PremisesDiffer,
                        "does not match answers.premises",
                    ));
                }
                Ok(())
            }
            Payload::SkillsReward(p) => {
                let expected = if measure == measure_ids::SKILL_MASTER_STUDIO {
                    Recognition::SkillMasterStudio
                } else {
                    Recognition::TrainingBase
                };
                if p.recognition != expected {
                    return Err(err(
                        "recognition",
                        Problem::RecognitionNotForMeasure,
                        format!("must be `{expected}` for {measure}"),
                    ));
                }
                if p.level == Level::None {
                    return Err(err(
                        "level",
                        Problem::LevelNotRewarded,
                        "must be national or provincial",
                    ));
                }
                text("approval_document_number", &p.approval_document_number)
            }
            Payload::EvaluationInstitution(p) => {
                if p.occupations.is_empty() {
                    return Err(err(
                        "occupations",
                        Problem::NoneChosen,
                        "name at least one occupation",
                    ));
                }
                for (i, o) in p.occupations.iter().enumerate() {
                    text(&format!("occupations[{i}].name"), &o.name)?;
                    if o.levels.is_empty() || o.levels.iter().any(|l| !(1..=5).contains(l)) {
                        return Err(err(
                            &format!("occupations[{i}].levels"),
                            Problem::LevelsOutOfRange,
                            "levels are 1 (高级技师) to 5 (初级工)",
                        ));
                    }
                }
                text("contact_name", &p.contact_name)?;
                crate::account::Phone::parse(&p.contact_phone)
                    .map(|_| ())
                    .map_err(|e| err("contact_phone", Problem::PhoneFormat, e.to_string()))
            }
        }
    }

    /// Checks the payload against the measure's clause and the answers its eligibility is
    /// decided on: a deferral names months of the relief period, of one year, each once
    /// (按月缓缴，年底结清); the rent, whether it was paid and the level stated are those
    /// answered (or the answers are corrected and evaluated again).
    pub fn agrees_with(&self, measure: &Measure, answers: &Answers) -> Result<(), PayloadError> {
        match self {
            Payload::UtilityDeferral(p) => {
                let mut seen = std::collections::BTreeSet::new();
                let mut year = None;
                for m in &p.months {
                    let Some(first) = month_start(m) else {
                        return Err(err(
                            "months",
                            Problem::MonthFormat,
                            format!("`{m}` is not a month (YYYY-MM)"),
                        ));
                    };
                    if !seen.insert(first) {
                        return Err(err(
                            "months",
                            Problem::MonthTwice,
                            format!("`{m}` is named twice: each month is deferred once"),
                        ));
                    }
                    if first < month_floor(measure.period.from) {
                        return Err(err(
                            "months",
                            Problem::MonthBeforePeriod,
                            format!(
                                "`{m}` is before the relief period (from {}): arrears from before it are not deferred under {} ({})",
                                measure.period.from, measure.id, measure.clause
                            ),
                        ));
                    }
                    if measure.period.to.is_some_and(|to| first > to) {
                        return Err(err(
                            "months",
                            Problem::MonthAfterPeriod,
                            format!(
                                "`{m}` is after the relief period (to {})",
                                measure.period.to.map(|d| d.to_string()).unwrap_or_default()
                            ),
                        ));
                    }
                    let y = first.year();
                    match year {
                        Some(other) if other != y => {
                            return Err(err(
                                "months",
                                Problem::MonthsOfTwoYears,
                                format!(
                                    "months of {other} and {y}: deferred months are settled by the end of their year (按月缓缴，年底结清), so one request names months of one year"
                                ),
                            ));
                        }
                        _ => year = Some(y),
                    }
                }
                Ok(())
            }
            Payload::RentWaiver(p) => {
                if let Some(answered) = answers.number(keys::MONTHLY_RENT_FEN)
                    && answered != p.monthly_rent_fen
                {
                    return Err(err(
                        "monthly_rent_fen",
                        Problem::DiffersFromAnswers,
                        format!(
                            "is {} fen but answers.monthly_rent_fen, on which the waiver was worked out, is {answered} fen: correct one so they agree",
                            p.monthly_rent_fen
                        ),
                    ));
                }
                if let Some(answered) = answers.flag(keys::RENT_2022_PAID)
                    && answered != p.rent_2022_paid
                {
                    return Err(err(
                        "rent_2022_paid",
                        Problem::DiffersFromAnswers,
                        format!(
                            "is {} but answers.rent_2022_paid is {answered}: correct one so they agree",
                            p.rent_2022_paid
                        ),
                    ));
                }
                Ok(())
            }
            Payload::SkillsReward(p) => {
                let answered = if measure.id == measure_ids::SKILL_MASTER_STUDIO {
                    answers.choice::<Level>(keys::SKILL_MASTER_STUDIO_LEVEL)
                } else {
                    answers.choice::<Level>(keys::TRAINING_BASE_LEVEL)
                };
                match answered {
                    Some(a) if a != p.level => Err(err(
                        "level",
                        Problem::DiffersFromAnswers,
                        format!(
                            "is `{}` but the answers say `{a}`: the reward is for the level answered; correct one so they agree",
                            p.level
                        ),
                    )),
                    _ => Ok(()),
                }
            }
            Payload::EvaluationInstitution(_) => Ok(()),
        }
    }

    /// The answers with what the payload states filled in where they are silent, so the
    /// request is evaluated on everything it says (a rent stated only in the form counts).
    pub fn complete(&self, measure: MeasureId, answers: &Answers) -> Answers {
        let mut a = answers.clone();
        match self {
            Payload::UtilityDeferral(p) => {
                if !a.has(keys::UTILITIES_IN_ARREARS) {
                    let named: Vec<String> =
                        p.utilities.iter().map(|u| u.as_str().to_string()).collect();
                    a.set(keys::UTILITIES_IN_ARREARS, named);
                }
            }
            Payload::RentWaiver(p) => {
                if !a.has(keys::MONTHLY_RENT_FEN) {
                    a.set(keys::MONTHLY_RENT_FEN, p.monthly_rent_fen);
                }
                if !a.has(keys::RENT_2022_PAID) {
                    a.set(keys::RENT_2022_PAID, p.rent_2022_paid);
                }
                if !a.has(keys::PREMISES)
                    && let Some(premises) = p.landlord_type.premises()
                {
                    a.set(keys::PREMISES, premises.as_str());
                }
                if p.landlord_type == LandlordType::HighwayOperator
                    && !a.has(keys::HIGHWAY_SERVICE_AREA)
                {
                    a.set(keys::HIGHWAY_SERVICE_AREA, true);
                }
            }
            Payload::SkillsReward(p) => {
                let key = if measure == measure_ids::SKILL_MASTER_STUDIO {
                    keys::SKILL_MASTER_STUDIO_LEVEL
                } else {
                    keys::TRAINING_BASE_LEVEL
                };
                if !a.has(key) {
                    a.set(key, p.level.as_str());
                }
            }
            Payload::EvaluationInstitution(_) => {}
        }
        a
    }

    /// A payload of `kind` for `measure` prefilled from the questionnaire answers, for the
    /// form to complete.
    pub fn prefill(
        kind: ApplicationKind,
        measure: MeasureId,
        answers: &Answers,
    ) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        match kind {
            ApplicationKind::UtilityDeferral => {
                if let Some(u) = answers.list(keys::UTILITIES_IN_ARREARS) {
                    map.insert("utilities".into(), serde_json::json!(u));
                }
            }
            ApplicationKind::RentWaiver => {
                // A highway service area's waiver is let by its operator, whoever owns it.
                let landlord = match answers.choice::<Premises>(keys::PREMISES) {
                    _ if measure == measure_ids::RENT_WAIVER_HIGHWAY => {
                        Some(LandlordType::HighwayOperator)
                    }
                    Some(Premises::RentPrefectureSoe) => Some(LandlordType::PrefectureSoe),
                    Some(Premises::RentPrefectureAgency) => Some(LandlordType::PrefectureAgency),
                    Some(Premises::RentCountyState) => Some(LandlordType::CountyState),
                    _ => None,
                };
                if let Some(l) = landlord {
                    map.insert("landlord_type".into(), serde_json::json!(l));
                }
                if let Some(r) = answers.number(keys::MONTHLY_RENT_FEN) {
                    map.insert("monthly_rent_fen".into(), serde_json::json!(r));
                }
                if let Some(p) = answers.flag(keys::RENT_2022_PAID) {
                    map.insert("rent_2022_paid".into(), serde_json::json!(p));
                }
            }
            ApplicationKind::SkillsReward => {
                if let Some(l) = answers
                    .choice::<Level>(keys::TRAINING_BASE_LEVEL)
                    .or(answers.choice::<Level>(keys::SKILL_MASTER_STUDIO_LEVEL))
                {
                    map.insert("level".into(), serde_json::json!(l));
                }
            }
            ApplicationKind::EvaluationInstitution => {}
        }
        serde_json::Value::Object(map)
    }
}

#[cfg(test)]
mod tests {

    /// Answers as a request body writes them.
    fn answers(v: serde_json::Value) -> Answers {
        Answers::from_json(v).unwrap()
    }
    use super::*;
    use serde_json::json;

    fn rent() -> serde_json::Value {
        json!({
            "premises_address": "库尔勒市人民东路 1 号",
            "landlord_type": "prefecture_soe",
            "landlord_name": "巴州国有资产经营公司",
            "lease_start": "2021-01-01",
            "lease_end": "2023-12-31",
            "monthly_rent_fen": 300_000,
            "rent_2022_paid": false
        })
    }

    #[test]
    fn a_complete_rent_waiver_payload_is_accepted() {
        let p = Payload::parse(
            ApplicationKind::RentWaiver,
            MeasureId::parse("rent-waiver-state").unwrap(),
            &Answers::default(),
            &rent(),
        );
        assert!(p.is_ok(), "{p:?}");
    }

    #[test]
    fn bad_payloads_are_refused_naming_the_field_and_the_problem() {
        let cases: &[(&str, serde_json::Value, &str, Problem)] = &[
            (
                "lease ends before it starts",
                json!({"lease_end": "2020-01-01"}),
                "payload.lease_end",
                Problem::EndsBeforeStart,
            ),
            (
                "no rent",
                json!({"monthly_rent_fen": 0}),
                "payload.monthly_rent_fen",
                Problem::NotPositiveAmount,
            ),
            (
                "blank address",
                json!({"premises_address": " "}),
                "payload.premises_address",
                Problem::Required,
            ),
            (
                "address too long",
                json!({"premises_address": "路".repeat(MAX_TEXT + 1)}),
                "payload.premises_address",
                Problem::TooLong,
            ),
            (
                "unknown landlord",
                json!({"landlord_type": "bank"}),
                "payload.landlord_type",
                Problem::Unreadable,
            ),
            (
                "highway landlord on state premises",
                json!({"landlord_type": "highway_operator"}),
                "payload.landlord_type",
                Problem::LandlordNotForMeasure,
            ),
            (
                "not a date",
                json!({"lease_start": "soon"}),
                "payload.lease_start",
                Problem::DateFormat,
            ),
            (
                "a date cut short",
                json!({"lease_start": "2021-01"}),
                "payload.lease_start",
                Problem::DateFormat,
            ),
        ];
        for (why, patch, field, problem) in cases {
            let mut body = rent();
            if let (Some(b), Some(p)) = (body.as_object_mut(), patch.as_object()) {
                b.extend(p.clone());
            }
            let e = Payload::parse(
                ApplicationKind::RentWaiver,
                MeasureId::parse("rent-waiver-state").unwrap(),
                &Answers::default(),
                &body,
            )
            .err();
            assert_eq!(
                e.map(|e| (e.field, e.problem)),
                Some((field.to_string(), *problem)),
                "{why}"
            );
        }
    }

    #[test]
    fn a_field_left_out_is_a_required_one() {
        let mut body = rent();
        if let Some(b) = body.as_object_mut() {
            b.remove("lease_end");
        }
        let e = Payload::parse(
            ApplicationKind::RentWaiver,
            MeasureId::parse("rent-waiver-state").unwrap(),
            &Answers::default(),
            &body,
        )
        .err();
        assert_eq!(e.map(|e| e.problem), Some(Problem::Required));
    }

    #[test]
    fn the_landlord_is_prefilled_for_the_measure_filed() {
        let answers = answers(
            json!({"premises": Some(Premises::RentCountyState), "highway_service_area": Some(true), "monthly_rent_fen": Some(500_000)}),
        );
        let highway = Payload::prefill(
            ApplicationKind::RentWaiver,
            MeasureId::parse("rent-waiver-highway").unwrap(),
            &answers,
        );
        assert_eq!(highway["landlord_type"], "highway_operator");
        assert_eq!(highway["monthly_rent_fen"], 500_000);
        let state = Payload::prefill(
            ApplicationKind::RentWaiver,
            MeasureId::parse("rent-waiver-state").unwrap(),
            &answers,
        );
        assert_eq!(state["landlord_type"], "county_state");
    }

    fn measure(id: MeasureId) -> Measure {
        let catalog = crate::examples::shipped().unwrap_or_else(|e| panic!("{e}"));
        catalog
            .measure(id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} is shipped"))
    }

    fn deferral(months: &[&str]) -> Payload {
        Payload::UtilityDeferral(UtilityDeferralPayload {
            utilities: vec![Utility::Gas],
            account_number: "G-1".into(),
            months: months.iter().map(|m| m.to_string()).collect(),
            amount_per_month_fen: 10_000,
        })
    }

    /// 二(一)一: 按月缓缴，年底结清 — months of the relief year (2022 for the 2022 plan), each
    /// once; arrears from before the period are not deferred under this measure.
    #[test]
    fn a_deferral_names_months_of_the_relief_year_each_once() {
        let m = measure(MeasureId::parse("utility-deferral").unwrap());
        let a = Answers::default();
        assert_eq!(
            deferral(&["2022-03", "2022-04"]).agrees_with(&m, &a),
            Ok(())
        );
        for (months, says) in [
            (&["2022-03", "2022-03"][..], "named twice"),
            (&["2021-12"][..], "before the relief period"),
            (&["2023-01"][..], "after the relief period"),
            (&["2022-12", "2023-01"][..], "after the relief period"),
        ] {
            let e = deferral(months).agrees_with(&m, &a).err();
            assert_eq!(e.as_ref().map(|e| e.field.as_str()), Some("payload.months"));
            assert!(e.as_ref().is_some_and(|e| e.problem != Problem::Unreadable));
            assert!(
                e.as_ref().is_some_and(|e| e.message.contains(says)),
                "{months:?}: {e:?}"
            );
        }
    }

    #[test]
    fn a_rent_or_level_other_than_the_answers_is_refused_naming_both() {
        let m = measure(MeasureId::parse("rent-waiver-state").unwrap());
        let Ok(p) = Payload::parse(
            ApplicationKind::RentWaiver,
            MeasureId::parse("rent-waiver-state").unwrap(),
            &Answers::default(),
            &rent(),
        ) else {
            panic!("the rent payload parses")
        };
        let answered = |rent: i64, paid: bool| {
            answers(json!({"monthly_rent_fen": Some(rent), "rent_2022_paid": Some(paid)}))
        };
        assert_eq!(p.agrees_with(&m, &answered(300_000, false)), Ok(()));
        let e = p.agrees_with(&m, &answered(200_000, false)).err();
        assert_eq!(
            e.as_ref().map(|e| e.field.as_str()),
            Some("payload.monthly_rent_fen")
        );
        assert!(e.is_some_and(|e| e.message.contains("200000")));
        let e = p.agrees_with(&m, &answered(300_000, true)).err();
        assert_eq!(e.map(|e| e.field), Some("payload.rent_2022_paid".into()));

        let studio = measure(MeasureId::parse("skill-master-studio").unwrap());
        let reward = Payload::SkillsReward(SkillsRewardPayload {
            recognition: Recognition::SkillMasterStudio,
            level: Level::National,
            approval_document_number: "新人社函〔2022〕1号".into(),
            approval_date: NaiveDate::from_ymd_opt(2022, 3, 1).unwrap_or_default(),
        });
        let provincial = answers(json!({"skill_master_studio_level": Some(Level::Provincial)}));
        let e = reward.agrees_with(&studio, &provincial).err();
        assert_eq!(e.map(|e| e.field), Some("payload.level".into()));
    }

    #[test]
    fn what_the_answers_leave_open_the_payload_fills_in() {
        let Ok(p) = Payload::parse(
            ApplicationKind::RentWaiver,
            MeasureId::parse("rent-waiver-state").unwrap(),
            &Answers::default(),
            &rent(),
        ) else {
            panic!("the rent payload parses")
        };
        let a = p.complete(
            MeasureId::parse("rent-waiver-state").unwrap(),
            &Answers::default(),
        );
        assert_eq!(a.number(keys::MONTHLY_RENT_FEN), Some(300_000));
        assert_eq!(a.flag(keys::RENT_2022_PAID), Some(false));
        assert_eq!(
            a.choice::<Premises>(keys::PREMISES),
            Some(Premises::RentPrefectureSoe)
        );
        let kept = p.complete(
            MeasureId::parse("rent-waiver-state").unwrap(),
            &answers(json!({"monthly_rent_fen": Some(1)})),
        );
        assert_eq!(
            kept.number(keys::MONTHLY_RENT_FEN),
            Some(1),
            "an answer is never overwritten"
        );
    }

    #[test]
    fn months_are_year_and_month() {
        assert!(is_month("2022-04"));
        assert!(!is_month("2022-13"));
        assert!(!is_month("2022-4"));
        assert!(!is_month("22-04-01"));
    }
}
