//! The questionnaire as the catalog declares it: each question's key, the kind of answer it
//! takes (with its values and their labels, or its unit and range), its words in each
//! language (the question, why it is asked, a hint against the usual mistake, and the short
//! label results use), and whether "I don't know" may be answered.

use serde::{Deserialize, Serialize};

use super::L10n;
use crate::money::Fen;

/// One question of the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The answer's name on the wire (`employees`).
    pub key: String,
    /// What the answer is called where results and forms name it ("从业人数（季度平均）").
    pub label: L10n,
    /// The kind of answer it takes.
    pub answer: QuestionKind,
    /// The question as asked.
    pub text: L10n,
    /// Why we ask: what it decides.
    pub why: L10n,
    /// Against the usual mistake.
    pub hint: L10n,
    /// Whether the owner may answer "I don't know" (skip it); a question that must be
    /// answered says `false`.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub unknown_allowed: bool,
    /// The business can change this fact itself (its staff and figures, whether it bids in
    /// tenders): a result not met for it proposes the changed answer that would qualify
    /// ("would qualify if"). Never its county, its landlord, its past or a declaration about
    /// its situation.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub changeable: bool,
    /// How a condition on this answer reads as a requirement ("经营场所须为：{values}"),
    /// `{values}` standing for the values it allows; without it, "label须为：{values}".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement: Option<L10n>,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// The kind of answer a question takes, and its checks: written as the conditions are, a
/// name alone (`"yes_no"`) or a name holding its settings (`{"count": {"unit": …, "max": …}}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum QuestionKind {
    /// Yes or no.
    YesNo,
    /// One value of a list.
    OneOf { values: Vec<Choice> },
    /// Any number of values of a list, each at most once.
    SeveralOf { values: Vec<Choice> },
    /// Where the business operates: one of the catalog's jurisdictions, or outside them all
    /// (`other`), whose label is `outside`.
    Jurisdiction { outside: L10n },
    /// A whole number of something (`unit`), from 0 to `max`.
    Count { unit: L10n, max: i64 },
    /// Money in integer fen, from 0 to `max_fen`; when `part_of` names another money
    /// question, the answer is a part of that one's and cannot be larger.
    Money {
        max_fen: Fen,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        part_of: Option<String>,
    },
    /// A calendar year from `min` to `max`.
    Year { min: i32, max: i32 },
}

/// One value of a list, with its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: L10n,
}

impl QuestionKind {
    /// The values of a list question (none for the others).
    pub fn choices(&self) -> &[Choice] {
        match self {
            QuestionKind::OneOf { values } | QuestionKind::SeveralOf { values } => values,
            _ => &[],
        }
    }

    /// The name of the kind, as the catalog writes it.
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::YesNo => "yes_no",
            QuestionKind::OneOf { .. } => "one_of",
            QuestionKind::SeveralOf { .. } => "several_of",
            QuestionKind::Jurisdiction { .. } => "jurisdiction",
            QuestionKind::Count { .. } => "count",
            QuestionKind::Money { .. } => "money",
            QuestionKind::Year { .. } => "year",
        }
    }
}

impl Question {
    /// The label of one of its values, if it lists it.
    pub fn choice(&self, value: &str) -> Option<&Choice> {
        self.answer.choices().iter().find(|c| c.value == value)
    }
}

impl super::Catalog {
    /// Checks answers against the questions that declare them: every key is a question of
    /// the catalog, every value of its kind and in its range, and a part no larger than its
    /// whole. `prefix` is the path of the answers in the request body (`answers.`).
    pub fn check_answers(
        &self,
        answers: &crate::answers::Answers,
        prefix: &str,
    ) -> Result<(), crate::answers::AnswerError> {
        match serde_json::to_value(answers) {
            Ok(serde_json::Value::Object(map)) => self.check_answer_map(&map, prefix),
            _ => Ok(()),
        }
    }

    /// [`Self::check_answers`] for answers as the wire gives them: a map from question key
    /// to value (`null`: not answered).
    pub fn check_answer_map(
        &self,
        answers: &serde_json::Map<String, serde_json::Value>,
        prefix: &str,
    ) -> Result<(), crate::answers::AnswerError> {
        let error = |key: &str, problem: String| crate::answers::AnswerError {
            field: format!("{prefix}{key}"),
            problem,
        };
        for (key, value) in answers {
            let Some(q) = self.question(key) else {
                return Err(error(
                    key,
                    "is not a question of the catalog in force".into(),
                ));
            };
            if !value.is_null() {
                self.check_value(q, value)
                    .map_err(|problem| error(key, problem))?;
            }
        }
        for q in &self.questions {
            if let QuestionKind::Money {
                part_of: Some(whole),
                ..
            } = &q.answer
            {
                let amount = |key: &str| answers.get(key).and_then(serde_json::Value::as_i64);
                if let (Some(part), Some(all)) = (amount(&q.key), amount(whole))
                    && part > all
                {
                    return Err(error(
                        &q.key,
                        format!("is part of {whole} and cannot be larger"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// `answers` with one answer given (a wire value) or cleared, checked against its
    /// question: its kind, its range, and its part or whole among the other answers (the
    /// others are not checked again, so an answer given under an earlier catalog stays).
    pub fn answer(
        &self,
        answers: &crate::answers::Answers,
        key: crate::answers::AnswerKey,
        value: Option<serde_json::Value>,
    ) -> Result<crate::answers::Answers, crate::answers::AnswerError> {
        let next = answers.with(key, value)?;
        // The answer itself, and the answers it is a part or the whole of.
        let related = |other: &Question| match (&other.answer, self.question(key.as_str())) {
            (
                QuestionKind::Money {
                    part_of: Some(whole),
                    ..
                },
                _,
            ) if whole == key.as_str() => true,
            (_, Some(q)) => {
                matches!(&q.answer, QuestionKind::Money { part_of: Some(whole), .. } if *whole == other.key)
            }
            _ => false,
        };
        let one: serde_json::Map<String, serde_json::Value> = crate::answers::AnswerKey::ALL
            .iter()
            .filter(|k| **k == key || self.question(k.as_str()).is_some_and(related))
            .filter_map(|k| Some((k.as_str().to_string(), next.get(*k)?)))
            .collect();
        self.check_answer_map(&one, "")?;
        Ok(next)
    }

    /// Why one answered value does not fit its question.
    fn check_value(&self, q: &Question, value: &serde_json::Value) -> Result<(), String> {
        let listed = |values: &[Choice]| {
            values
                .iter()
                .map(|c| c.value.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let whole = |min: i64, max: i64, unit: &str| match value.as_i64() {
            None => Err(format!("must be a whole number{unit}")),
            Some(v) if v < min && min == 0 => Err("must not be negative".to_string()),
            Some(v) if v < min || v > max => Err(format!("must be from {min} to {max}{unit}")),
            Some(_) => Ok(()),
        };
        match &q.answer {
            QuestionKind::YesNo => match value {
                serde_json::Value::Bool(_) => Ok(()),
                _ => Err("must be true or false".into()),
            },
            QuestionKind::OneOf { values } => match value.as_str() {
                Some(v) if q.choice(v).is_some() => Ok(()),
                _ => Err(format!("must be one of: {}", listed(values))),
            },
            QuestionKind::SeveralOf { values } => {
                let Some(items) = value.as_array() else {
                    return Err(format!("must be a list of: {}", listed(values)));
                };
                let mut seen = std::collections::BTreeSet::new();
                for item in items {
                    match item.as_str() {
                        Some(v) if q.choice(v).is_some() => {
                            if !seen.insert(v) {
                                return Err(format!("lists {v} twice"));
                            }
                        }
                        _ => return Err(format!("must be a list of: {}", listed(values))),
                    }
                }
                Ok(())
            }
            QuestionKind::Jurisdiction { .. } => {
                let known = |v: &str| {
                    v == crate::answers::JurisdictionId::Other.as_str()
                        || self.jurisdictions.iter().any(|j| j.id.as_str() == v)
                };
                match value.as_str() {
                    Some(v) if known(v) => Ok(()),
                    _ => Err("must be one of the catalog's jurisdictions, or other".into()),
                }
            }
            QuestionKind::Count { max, .. } => whole(0, *max, ""),
            QuestionKind::Money { max_fen, .. } => whole(0, *max_fen, " fen"),
            QuestionKind::Year { min, max } => match value.as_i64() {
                Some(y) if (i64::from(*min)..=i64::from(*max)).contains(&y) => Ok(()),
                _ => Err(format!("must be a year from {min} to {max}")),
            },
        }
    }
}
