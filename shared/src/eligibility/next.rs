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

/// [`next_question`], borrowed from the catalog.
fn next_key<'c>(evaluation: &Evaluation<'c>, skipped: &[AnswerKey]) -> Option<&'c str> {
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
