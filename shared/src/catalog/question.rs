//! The questionnaire as the catalog declares it: each question's key, the kind of answer it
//! takes (with its values and their labels, or its unit and range), its words in each
//! language (the question, why it is asked, a hint against the usual mistake, and the short
//! label results use), and whether "I don't know" may be answered.

use serde::{Deserialize, Serialize};

use super::L10n;
use crate::answers::{AnswerError, AnswerValue, Answers};
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
    pub fn check_answers(&self, answers: &Answers, prefix: &str) -> Result<(), AnswerError> {
        self.check_some(answers, answers.iter().map(|(k, _)| k), prefix)
    }

    /// [`Self::check_answers`] for answers as JSON writes them: a map from question key to
    /// value (`null`: not answered).
    pub fn check_answer_map(
        &self,
        answers: &serde_json::Map<String, serde_json::Value>,
        prefix: &str,
    ) -> Result<(), AnswerError> {
        let mut read = Answers::default();
        for (key, value) in answers {
            match AnswerValue::from_json(value) {
                Ok(Some(v)) => read.set(key, v),
                Ok(None) => {}
                Err(problem) => {
                    return Err(AnswerError {
                        field: format!("{prefix}{key}"),
                        problem,
                    });
                }
            }
        }
        self.check_answers(&read, prefix)
    }

    /// Checks the answers to `keys` (each of its kind and range) and every part against its
    /// whole among them.
    fn check_some<'k>(
        &self,
        answers: &Answers,
        keys: impl Iterator<Item = &'k str>,
        prefix: &str,
    ) -> Result<(), AnswerError> {
        let error = |key: &str, problem: String| AnswerError {
            field: format!("{prefix}{key}"),
            problem,
        };
        let mut checked = Vec::new();
        for key in keys {
            let Some(q) = self.question(key) else {
                return Err(error(
                    key,
                    "is not a question of the catalog in force".into(),
                ));
            };
            if let Some(value) = answers.value(key) {
                self.check_value(q, value)
                    .map_err(|problem| error(key, problem))?;
            }
            checked.push(key);
        }
        for q in &self.questions {
            if let QuestionKind::Money {
                part_of: Some(whole),
                ..
            } = &q.answer
                && (checked.contains(&q.key.as_str()) || checked.contains(&whole.as_str()))
                && let (Some(part), Some(all)) = (answers.number(&q.key), answers.number(whole))
                && part > all
            {
                return Err(error(
                    &q.key,
                    format!("is part of {whole} and cannot be larger"),
                ));
            }
        }
        Ok(())
    }

    /// The JSON Schema of the answers this catalog takes: one property per question, of its
    /// kind and range (`null`: not answered), and no other key.
    pub fn answers_schema(&self) -> serde_json::Value {
        use serde_json::json;
        let names = |values: &[Choice]| values.iter().map(|c| c.value.clone()).collect::<Vec<_>>();
        let properties: serde_json::Map<String, serde_json::Value> = self
            .questions
            .iter()
            .map(|q| {
                let schema = match &q.answer {
                    QuestionKind::YesNo => json!({"type": ["boolean", "null"]}),
                    QuestionKind::OneOf { values } => {
                        let mut list: Vec<serde_json::Value> =
                            names(values).into_iter().map(Into::into).collect();
                        list.push(serde_json::Value::Null);
                        json!({"type": ["string", "null"], "enum": list})
                    }
                    QuestionKind::SeveralOf { values } => json!({
                        "type": ["array", "null"],
                        "items": {"type": "string", "enum": names(values)},
                        "uniqueItems": true
                    }),
                    QuestionKind::Jurisdiction { .. } => {
                        let mut list: Vec<serde_json::Value> = self
                            .jurisdictions
                            .iter()
                            .map(|j| j.id.as_str().into())
                            .collect();
                        list.push(crate::answers::JurisdictionId::Other.as_str().into());
                        list.push(serde_json::Value::Null);
                        json!({"type": ["string", "null"], "enum": list})
                    }
                    QuestionKind::Count { max, .. } => {
                        json!({"type": ["integer", "null"], "minimum": 0, "maximum": max})
                    }
                    QuestionKind::Money { max_fen, .. } => {
                        json!({"type": ["integer", "null"], "minimum": 0, "maximum": max_fen})
                    }
                    QuestionKind::Year { min, max } => {
                        json!({"type": ["integer", "null"], "minimum": min, "maximum": max})
                    }
                };
                let mut schema = schema;
                schema["description"] = q.label.get(crate::Lang::En).into();
                (q.key.clone(), schema)
            })
            .collect();
        json!({
            "type": "object",
            "description": "The questionnaire's answers: a map from question key to answer, as the catalog in force declares them (`null`: not answered).",
            "properties": properties,
            "additionalProperties": false
        })
    }

    /// `answers` with one answer given (a wire value) or cleared, checked against its
    /// question: its kind, its range, and its part or whole among the other answers (the
    /// others are not checked again, so an answer given under an earlier catalog stays).
    pub fn answer(
        &self,
        answers: &Answers,
        key: &str,
        value: Option<serde_json::Value>,
    ) -> Result<Answers, AnswerError> {
        let next = answers.with(key, value)?;
        self.check_some(&next, std::iter::once(key), "")?;
        Ok(next)
    }

    /// Why one answered value does not fit its question.
    fn check_value(&self, q: &Question, value: &AnswerValue) -> Result<(), String> {
        let listed = |values: &[Choice]| {
            values
                .iter()
                .map(|c| c.value.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let whole = |min: i64, max: i64, unit: &str| match value {
            AnswerValue::Number(v) if *v < min && min == 0 => {
                Err("must not be negative".to_string())
            }
            AnswerValue::Number(v) if *v < min || *v > max => {
                Err(format!("must be from {min} to {max}{unit}"))
            }
            AnswerValue::Number(_) => Ok(()),
            _ => Err(format!("must be a whole number{unit}")),
        };
        match &q.answer {
            QuestionKind::YesNo => match value {
                AnswerValue::Yes(_) => Ok(()),
                _ => Err("must be true or false".into()),
            },
            QuestionKind::OneOf { values } => match value {
                AnswerValue::Value(v) if q.choice(v).is_some() => Ok(()),
                _ => Err(format!("must be one of: {}", listed(values))),
            },
            QuestionKind::SeveralOf { values } => {
                let AnswerValue::Values(items) = value else {
                    return Err(format!("must be a list of: {}", listed(values)));
                };
                let mut seen = std::collections::BTreeSet::new();
                for v in items {
                    if q.choice(v).is_none() {
                        return Err(format!("must be a list of: {}", listed(values)));
                    }
                    if !seen.insert(v) {
                        return Err(format!("lists {v} twice"));
                    }
                }
                Ok(())
            }
            QuestionKind::Jurisdiction { .. } => {
                let known = |v: &str| {
                    v == crate::answers::JurisdictionId::Other.as_str()
                        || self.jurisdictions.iter().any(|j| j.id.as_str() == v)
                };
                match value {
                    AnswerValue::Value(v) if known(v) => Ok(()),
                    _ => Err("must be one of the catalog's jurisdictions, or other".into()),
                }
            }
            QuestionKind::Count { max, .. } => whole(0, *max, ""),
            QuestionKind::Money { max_fen, .. } => whole(0, *max_fen, " fen"),
            QuestionKind::Year { min, max } => match value {
                AnswerValue::Number(y) if (i64::from(*min)..=i64::from(*max)).contains(y) => Ok(()),
                _ => Err(format!("must be a year from {min} to {max}")),
            },
        }
    }
}
