//! The same answers give the same results, to the fen, whatever is moved from code to the
//! catalog: a fixed sample of generated businesses (every value of every question, numbers at
//! and around every limit of the parameters and the size standard, days at and around every
//! period's ends) is evaluated and rendered in each language, and what an owner reads is
//! compared with what the engine gave when the sample was taken (`snapshots/sameness.txt`,
//! one digest per business and language).
//!
//! Compared: every status, the missing answers and the next question, every estimate and its
//! steps, the routing and its text, every reason's outcome, text and clause, and the nearest
//! changes. Not compared: a reason's `code` and `params` (the wire names of the findings,
//! which move to the catalog's own words) and the catalog's version.
//!
//! `SHUKUN_SAMENESS_WRITE=1 cargo test -p shared --test sameness` takes the sample again,
//! from the engine as it is: only when a change of results is intended, and said.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use chrono::{Duration, NaiveDate};
use serde_json::{Value, json};
use shared::Lang;
use shared::answers::{AnswerKey, Answers};
use shared::api::EligibilityView;
use shared::catalog::{Catalog, QuestionKind};
use shared::eligibility::calc::Step;
use shared::eligibility::{next_question, standing};

/// Businesses in the sample.
const BUSINESSES: usize = 3_000;

/// A small, fixed pseudo-random sequence (xorshift64*): the same sample on every machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap()
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }
}

/// Every whole number the catalog compares answers with, and one either side: the
/// parameters' values and the size standard's limits (in people, and 万元 in fen).
fn limits(catalog: &Catalog) -> Vec<i64> {
    fn integers(value: &Value, out: &mut Vec<i64>) {
        match value {
            Value::Number(n) => out.extend(n.as_i64()),
            Value::Array(items) => items.iter().for_each(|v| integers(v, out)),
            Value::Object(map) => map.values().for_each(|v| integers(v, out)),
            _ => {}
        }
    }
    let mut raw = Vec::new();
    for p in &catalog.parameters {
        raw.extend(p.values.iter().map(|v| v.value));
    }
    let mut size = Vec::new();
    integers(
        &serde_json::to_value(&catalog.size_standard).unwrap(),
        &mut size,
    );
    raw.extend(size.iter().copied());
    raw.extend(size.iter().map(|wan| wan * 1_000_000));
    let mut all: Vec<i64> = raw
        .iter()
        .flat_map(|&n| [n - 1, n, n + 1])
        .filter(|&n| n >= 0)
        .collect();
    all.extend([0, 1, 100, 10_000]);
    all.sort_unstable();
    all.dedup();
    all
}

/// The days results turn on: each end of every measure's period and application window, a
/// day either side, and a few ordinary days.
fn days(catalog: &Catalog) -> Vec<NaiveDate> {
    let mut ends = Vec::new();
    for m in &catalog.measures {
        for p in std::iter::once(&m.period).chain(&m.application_window) {
            ends.push(p.from);
            ends.extend(p.to);
        }
    }
    let mut all: Vec<NaiveDate> = ends
        .iter()
        .flat_map(|&d| [d - Duration::days(1), d, d + Duration::days(1)])
        .collect();
    for d in ["2022-06-01", "2023-03-15", "2024-07-01", "2026-12-07"] {
        all.push(d.parse().unwrap());
    }
    all.sort_unstable();
    all.dedup();
    all
}

/// One business: each question answered (or left unknown) as its declaration allows.
fn business(catalog: &Catalog, dice: &mut Dice, limits: &[i64]) -> Answers {
    let mut answers = Answers::default();
    let mut given: Vec<(String, i64)> = Vec::new();
    for q in &catalog.questions {
        if dice.chance(30) {
            continue;
        }
        let value = match &q.answer {
            QuestionKind::YesNo => json!(dice.chance(50)),
            QuestionKind::OneOf { values } => json!(dice.pick(values).value),
            QuestionKind::SeveralOf { values } => {
                let chosen: Vec<&str> = values
                    .iter()
                    .filter(|_| dice.chance(40))
                    .map(|c| c.value.as_str())
                    .collect();
                json!(chosen)
            }
            QuestionKind::Jurisdiction { .. } => {
                let mut ids: Vec<&str> = catalog
                    .jurisdictions
                    .iter()
                    .map(|j| j.id.as_str())
                    .collect();
                ids.push("other");
                json!(dice.pick(&ids))
            }
            QuestionKind::Count { max, .. } => {
                let n = if dice.chance(70) {
                    *dice.pick(limits)
                } else {
                    dice.below(2_000) as i64
                };
                json!(n.min(*max))
            }
            QuestionKind::Money { max_fen, part_of } => {
                let mut n = if dice.chance(70) {
                    *dice.pick(limits)
                } else {
                    i64::try_from(dice.next() % 5_000_000_000).unwrap()
                };
                n = n.min(*max_fen);
                if let Some(whole) = part_of
                    && let Some((_, w)) = given.iter().find(|(k, _)| k == whole)
                {
                    n = n.min(*w);
                }
                given.push((q.key.clone(), n));
                json!(n)
            }
            QuestionKind::Year { min, max } => {
                let year = 2019 + dice.below(8) as i64;
                json!(year.clamp(i64::from(*min), i64::from(*max)))
            }
        };
        answers = answers.with(&q.key, Some(value)).unwrap();
    }
    answers
}

/// What the owner reads, without the findings' wire names and the catalog's version.
fn as_read(view: &EligibilityView<'_>) -> String {
    let mut value = serde_json::to_value(view).unwrap();
    value["catalog_version"] = Value::Null;
    for result in value["results"].as_array_mut().unwrap() {
        for reason in result["reasons"].as_array_mut().unwrap() {
            let reason = reason.as_object_mut().unwrap();
            reason.remove("code");
            reason.remove("params");
        }
    }
    value.to_string()
}

/// FNV-1a, 64 bits: a digest that is the same on every machine and Rust version.
fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn a_fixed_sample_of_businesses_reads_exactly_as_when_it_was_taken() {
    let catalog = shared::examples::shipped().unwrap();
    let limits = limits(&catalog);
    let days = days(&catalog);
    let mut dice = Dice(0x5EED_2022_0601_0001);
    let mut lines = Vec::with_capacity(BUSINESSES * 2);
    let mut read = Vec::with_capacity(BUSINESSES * 2);
    let mut seen = std::collections::BTreeSet::new();
    for i in 0..BUSINESSES {
        let answers = business(&catalog, &mut dice, &limits);
        let as_of = *dice.pick(&days);
        let evaluation = shared::evaluate(&catalog, &answers, as_of);
        for r in &evaluation.results {
            seen.insert((r.measure, r.status.as_str()));
        }
        // The questionnaire's evaluation, without estimates, stands exactly where the full one
        // does: same statuses, same missing answers, same routing, the same answer asked for
        // an estimate, and so the same next question.
        let statuses = shared::evaluate_statuses(&catalog, &answers, as_of);
        let asks = |e: &shared::eligibility::calc::Estimate| {
            e.steps.iter().find_map(|l| match &l.step {
                Step::NeedAnswer { answer } => Some(answer.clone()),
                _ => None,
            })
        };
        for (full, quick) in evaluation.results.iter().zip(&statuses.results) {
            assert_eq!(
                (
                    full.status,
                    &full.missing,
                    &full.routing,
                    asks(&full.estimate)
                ),
                (
                    quick.status,
                    &quick.missing,
                    &quick.routing,
                    asks(&quick.estimate)
                ),
                "{} for {answers:?} on {as_of}",
                full.measure
            );
            assert!(quick.estimate.amount.is_none());
        }
        let skipped: Vec<AnswerKey> = next_question(&evaluation, &[]).into_iter().collect();
        for skip in [&[][..], &skipped[..]] {
            assert_eq!(
                standing(&evaluation, skip),
                standing(&statuses, skip),
                "the questionnaire stands where it did"
            );
        }
        for lang in [Lang::ZhCn, Lang::En] {
            let view = EligibilityView::new(&catalog, &evaluation, lang, false);
            let text = as_read(&view);
            lines.push(format!("{i} {} {:016x}", lang.as_str(), digest(&text)));
            read.push((i, lang, as_of, answers.clone(), text));
        }
    }
    // The sample reaches every outcome of every measure.
    let lacking: Vec<String> = catalog
        .measures
        .iter()
        .flat_map(|m| {
            ["eligible", "not_eligible", "needs_info", "not_in_effect"]
                .into_iter()
                .filter(|s| !seen.contains(&(m.id, *s)))
                .map(move |s| format!("{} {s}", m.id))
        })
        .collect();
    // Every outcome of every measure is in the sample but those the shipped catalog cannot
    // give: the electricity subsidy waits for a county's adoption to be recorded, and the
    // measures judged by the period they concern are never out of effect on a day.
    assert_eq!(
        lacking,
        [
            "electricity-subsidy eligible",
            "rent-waiver-state not_in_effect",
            "rent-waiver-highway not_in_effect",
            "vat-exemption not_in_effect",
        ]
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/sameness.txt");
    if std::env::var_os("SHUKUN_SAMENESS_WRITE").is_some() {
        std::fs::write(path, lines.join("\n") + "\n").unwrap();
        return;
    }
    let taken = std::fs::read_to_string(path).unwrap();
    let taken: Vec<&str> = taken.lines().collect();
    assert_eq!(taken.len(), lines.len(), "the sample's size");
    let differ: Vec<usize> = (0..lines.len()).filter(|&n| taken[n] != lines[n]).collect();
    if let Some(&first) = differ.first() {
        let (i, lang, as_of, answers, text) = &read[first];
        panic!(
            "{} of {} results read differently; the first, business {i} in {} on {as_of}:\n\
             answers: {}\nnow reads: {text}",
            differ.len(),
            lines.len(),
            lang.as_str(),
            serde_json::to_string(answers).unwrap(),
        );
    }
}
