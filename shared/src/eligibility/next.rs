//! Which question to ask next: the answer that could change the most still-open results.
//!
//! Every `needs_info` result lists the answers that could, each alone, change its status
//! (see `condition.rs`); an eligible result whose estimate waits for an answer (the rent,
//! the sales) asks for that one. The next question is the answer that most of them ask for,
//! ties going to the questionnaire's order; an answer no result asks for is never asked.

use crate::answers::AnswerKey;

use super::calc::Step;
use super::{Evaluation, Status};

/// The answer to ask for next, skipping those the owner chose not to give ("I don't know").
pub fn next_question(evaluation: &Evaluation<'_>, skipped: &[AnswerKey]) -> Option<AnswerKey> {
    next_key(evaluation, skipped).map(AnswerKey::from)
}

/// [`next_question`], borrowed from the catalog. A part of a whole (the sales at 3% of the
/// quarter's sales) is asked after its whole, as people think of them: the whole first while
/// it is neither answered nor skipped.
fn next_key<'c>(evaluation: &Evaluation<'c>, skipped: &[AnswerKey]) -> Option<&'c str> {
    let key = most_asked(evaluation, skipped)?;
    let whole = evaluation
        .catalog
        .question(key)
        .and_then(|q| match &q.answer {
            crate::catalog::QuestionKind::Money {
                part_of: Some(whole),
                ..
            } => evaluation.catalog.question(whole),
            _ => None,
        })
        .filter(|w| !evaluation.answers.has(&w.key) && !skipped.iter().any(|k| *k == *w.key));
    Some(whole.map_or(key, |w| w.key.as_str()))
}

/// The answer most still-open results ask for, the questionnaire's order breaking ties.
fn most_asked<'c>(evaluation: &Evaluation<'c>, skipped: &[AnswerKey]) -> Option<&'c str> {
    let questions = &evaluation.catalog.questions;
    let mut counts = vec![0usize; questions.len()];
    let mut count = |key: &str| {
        if let Some(i) = questions.iter().position(|q| q.key == key) {
            counts[i] += 1;
        }
    };
    for result in evaluation
        .results
        .iter()
        .filter(|r| r.status == Status::NeedsInfo)
    {
        for key in &result.missing {
            count(key);
        }
    }
    for result in evaluation
        .results
        .iter()
        .filter(|r| r.status == Status::Eligible)
    {
        for line in &result.estimate.steps {
            if let Step::NeedAnswer { answer } = &line.step {
                count(answer);
            }
        }
    }
    questions
        .iter()
        .zip(counts)
        .filter(|(q, count)| *count > 0 && !skipped.iter().any(|k| *k == *q.key))
        // The first of the largest: `max_by_key` keeps the last.
        .fold(None::<(&'c str, usize)>, |best, (q, count)| match best {
            Some((_, best_count)) if best_count >= count => best,
            _ => Some((q.key.as_str(), count)),
        })
        .map(|(key, _)| key)
}

/// Where the questionnaire stands after some answers: the question to ask next, about how
/// many are left after it, and how many results are eligible or still need an answer. The
/// server writes it for an empty questionnaire into the page, so a phone shows the first
/// question before it has read the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub next: Option<AnswerKey>,
    /// Answers some result still lists, besides the next one (the skipped ones not counted).
    pub left: usize,
    pub eligible: usize,
    pub open: usize,
}

/// The standing of an evaluation, skipping the answers the owner chose not to give.
pub fn standing(evaluation: &Evaluation<'_>, skipped: &[AnswerKey]) -> Standing {
    let mut keys: Vec<&str> = evaluation
        .results
        .iter()
        .flat_map(|r| r.missing.iter().copied())
        .filter(|k| !skipped.iter().any(|s| s == k))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let count = |s: Status| evaluation.results.iter().filter(|r| r.status == s).count();
    Standing {
        next: next_question(evaluation, skipped),
        left: keys.len().saturating_sub(1),
        eligible: count(Status::Eligible),
        open: count(Status::NeedsInfo),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answers;

    /// The shipped catalog's quarterly sales: the sales at 3% are part of them.
    #[test]
    fn a_part_is_asked_after_its_whole_as_people_think_of_them() {
        let catalog = crate::examples::shipped().expect("the shipped catalog");
        let day = chrono::NaiveDate::from_ymd_opt(2022, 6, 1).expect("a day");
        let answers: Answers = serde_json::from_value(serde_json::json!({
            "entity_type": "individual_business", "industry": "catering", "employees": 3,
            "annual_revenue_fen": 800_000, "jurisdiction": "luntai",
            "vat_taxpayer": "small_scale"
        }))
        .expect("answers");
        let mut asked = Vec::new();
        let mut answers = answers;
        // Answer whatever is asked (no to yes/no, the first value, small amounts) until both
        // sales questions have come.
        for _ in 0..40 {
            let evaluation = crate::eligibility::evaluate(&catalog, &answers, day);
            let Some(key) = next_question(&evaluation, &[]) else {
                break;
            };
            asked.push(key.to_string());
            let question = catalog.question(key.as_str()).expect("declared");
            let value = match &question.answer {
                crate::catalog::QuestionKind::YesNo => serde_json::json!(false),
                crate::catalog::QuestionKind::OneOf { values }
                | crate::catalog::QuestionKind::SeveralOf { values } => {
                    let first = serde_json::json!(values[0].value);
                    if matches!(
                        question.answer,
                        crate::catalog::QuestionKind::SeveralOf { .. }
                    ) {
                        serde_json::json!([first])
                    } else {
                        first
                    }
                }
                crate::catalog::QuestionKind::Year { .. } => serde_json::json!(2022),
                _ => serde_json::json!(100_000),
            };
            answers = answers
                .with(key.as_str(), Some(value))
                .expect("an answer of its kind");
        }
        let whole = asked.iter().position(|k| k == "quarterly_sales_fen");
        let part = asked
            .iter()
            .position(|k| k == "quarterly_sales_at_3pct_fen");
        match (whole, part) {
            (Some(whole), Some(part)) => assert!(whole < part, "{asked:?}"),
            _ => panic!("both sales questions are asked of a small-scale taxpayer: {asked:?}"),
        }
    }
}
