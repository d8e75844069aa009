//! Confirmation by the one who pays or delivers (issue 26.3): where a utility, a landlord or
//! a service-area operator delivers a relief, the deciding department sends it a list of the
//! lines it is to deliver — through a signed one-time link (no account) or as an Excel
//! template per provider and month — and the provider confirms each line's amount and day
//! or says it was not done. An answer is checked whole: one bad line refuses all of it,
//! every problem listed; nothing is half applied. Each line confirmed becomes a ledger entry
//! that names its source.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::application::ledger::EntryKind;
use crate::catalog::DepartmentId;
use crate::money::Fen;
use crate::wire::wire_enum;

/// The longest provider name and reason.
pub const MAX_PROVIDER: usize = 100;
pub const MAX_REASON: usize = 200;
/// The most requests one confirmation lists.
pub const MAX_REQUESTS: usize = 500;
/// Days a provider has to answer before the confirmation is overdue on the dashboard.
pub const ANSWER_WITHIN_DAYS: i64 = 7;
/// Days a link works (it also stops once answered).
pub const LINK_DAYS: i64 = 30;

wire_enum!(
    /// Where a confirmation stands.
    ConfirmationState {
        /// Sent, not answered yet.
        Open => "open",
        /// The provider answered (online or by the template).
        Answered => "answered",
        /// Its link expired unanswered.
        Expired => "expired",
    }
);

wire_enum!(
    /// A line's state.
    LineState {
        Pending => "pending",
        /// Delivered as confirmed (a ledger entry was recorded).
        Done => "done",
        /// The provider says it was not done, and why.
        NotDone => "not_done",
    }
);

wire_enum!(
    /// The provider's answer on a line.
    LineAnswer {
        Done => "done",
        NotDone => "not_done",
    }
);

wire_enum!(
    /// What is wrong with an answer or an uploaded template.
    ConfirmationProblem {
        /// The line is not one of this confirmation's.
        NotTheirs => "not_theirs",
        /// The line is answered twice.
        Duplicate => "duplicate",
        /// A line of the confirmation has no answer.
        Missing => "missing",
        /// "Done" without a positive amount.
        AmountRequired => "amount_required",
        /// An amount other than the one listed, without a reason.
        ChangedWithoutReason => "changed_without_reason",
        /// More than the line lists.
        MoreThanListed => "more_than_listed",
        /// "Done" without the day it happened.
        DateRequired => "date_required",
        /// A day that has not come, or before the request was filed.
        DateOutOfRange => "date_out_of_range",
        /// "Not done" without a reason.
        ReasonRequired => "reason_required",
        TooLong => "too_long",
        /// The template's total is not the sum of its confirmed amounts.
        WrongTotal => "wrong_total",
        /// A cell that does not read as what its column holds (a number, a day).
        Unreadable => "unreadable",
        /// The file is not the template (no header row, or no lines).
        NotTheTemplate => "not_the_template",
    }
);

/// `POST /api/v1/admin/confirmations`: a confirmation to a provider for a month, listing
/// the open lines of the requests named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewConfirmation {
    /// Who pays or delivers: 国网巴州供电公司库尔勒供电分公司.
    pub provider: String,
    /// The month it concerns (`YYYY-MM`): deferred months of this month, and the refunds and
    /// payments still due.
    pub month: String,
    /// The requests whose lines it lists (ids).
    pub requests: Vec<i64>,
}

/// One line a provider confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmationLineView {
    /// The line's number, as the template lists it.
    pub line: i64,
    pub request_id: i64,
    /// `BZ2026-000123`.
    pub number: String,
    pub business_name: String,
    /// What was granted (deferred, refund_due, owed).
    pub kind: EntryKind,
    /// The month deferred, for a deferral.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    /// What is to be settled, refunded or paid.
    pub expected_fen: Fen,
    /// By when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
    pub state: LineState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_fen: Option<Fen>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The ledger entry its confirmation recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<i64>,
}

/// A confirmation as the department and the supervisors read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmationView {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub department: DepartmentId,
    pub provider: String,
    pub month: String,
    pub created_at: DateTime<Utc>,
    /// The day an answer is due; past it unanswered, the confirmation is overdue.
    pub answer_by: NaiveDate,
    pub expires_at: DateTime<Utc>,
    pub state: ConfirmationState,
    pub overdue: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<DateTime<Utc>>,
    /// How it was answered: `link` or `upload`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_by: Option<String>,
    pub total_expected_fen: Fen,
    pub lines: Vec<ConfirmationLineView>,
}

/// A confirmation just created, with its link: shown once, to send to the provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedConfirmation {
    /// `https://…/confirm/<token>`: no account needed, only this confirmation's lines.
    pub link: String,
    pub confirmation: ConfirmationView,
}

/// A provider's answer on one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LineAnswerRequest {
    pub line: i64,
    pub answer: LineAnswer,
    /// For `done`: the amount delivered (the line's unless a reason says why not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<Fen>,
    /// For `done`: the day it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
    /// Why the amount differs, or why it was not done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `POST /api/v1/confirmations/{token}`: every line answered at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderAnswer {
    pub lines: Vec<LineAnswerRequest>,
}

/// One problem of an answer or a template: where (the template's row, the line) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemItem {
    /// The template's row (1 = its first), for an upload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<i64>,
    /// `amount_fen`, `on`, `reason`, `line`, `total`, `file`.
    pub field: String,
    pub problem: ConfirmationProblem,
    pub message: String,
}

/// A refused answer: the error, and every problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmationRefusedBody {
    pub error: super::ErrorDetail,
    pub problems: Vec<ProblemItem>,
}

/// A line as the check needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedLine {
    pub line: i64,
    pub expected_fen: Fen,
    /// The earliest day it may have happened (the request's filing).
    pub earliest: NaiveDate,
}

/// An answer accepted, its text trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub line: i64,
    pub answer: LineAnswer,
    pub amount_fen: Fen,
    pub on: Option<NaiveDate>,
    pub reason: Option<String>,
}

/// An answer with the template's row it came from (uploads) and the total it declared.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sheet {
    pub rows: Vec<(Option<u32>, LineAnswerRequest)>,
    pub declared_total_fen: Option<Fen>,
    /// Problems found reading the cells.
    pub unreadable: Vec<ProblemItem>,
}

fn problem(
    row: Option<u32>,
    line: Option<i64>,
    field: &str,
    problem: ConfirmationProblem,
    message: impl Into<String>,
) -> ProblemItem {
    ProblemItem {
        row,
        line,
        field: field.to_string(),
        problem,
        message: message.into(),
    }
}

/// Checks a provider's answer against the lines listed, whole: every line answered once and
/// only those, "done" with a positive amount no more than listed (a different amount with a
/// reason) and a day between the filing and today, "not done" with a reason, and — for a
/// template — a total equal to the sum confirmed. Every problem is listed.
pub fn check(
    listed: &[ListedLine],
    sheet: &Sheet,
    today: NaiveDate,
) -> Result<Vec<Accepted>, Vec<ProblemItem>> {
    use ConfirmationProblem as P;
    let mut problems = sheet.unreadable.clone();
    let mut seen = std::collections::BTreeSet::new();
    let mut accepted = Vec::new();
    for (row, a) in &sheet.rows {
        let row = *row;
        let at = |field: &str, p: ConfirmationProblem, m: String| {
            problem(row, Some(a.line), field, p, m)
        };
        let Some(l) = listed.iter().find(|l| l.line == a.line) else {
            problems.push(at(
                "line",
                P::NotTheirs,
                format!("line {} is not one of this confirmation's", a.line),
            ));
            continue;
        };
        if !seen.insert(a.line) {
            problems.push(at(
                "line",
                P::Duplicate,
                format!("line {} is answered twice", a.line),
            ));
            continue;
        }
        let reason = a
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        if reason
            .as_ref()
            .is_some_and(|r| r.chars().count() > MAX_REASON)
        {
            problems.push(at(
                "reason",
                P::TooLong,
                format!("at most {MAX_REASON} characters"),
            ));
        }
        match a.answer {
            LineAnswer::NotDone => {
                if reason.is_none() {
                    problems.push(at(
                        "reason",
                        P::ReasonRequired,
                        "say why it was not done".into(),
                    ));
                }
                accepted.push(Accepted {
                    line: a.line,
                    answer: a.answer,
                    amount_fen: 0,
                    on: None,
                    reason,
                });
            }
            LineAnswer::Done => {
                let amount = a.amount_fen.unwrap_or(0);
                if amount <= 0 {
                    problems.push(at(
                        "amount_fen",
                        P::AmountRequired,
                        "the amount delivered, above 0".into(),
                    ));
                } else if amount > l.expected_fen {
                    problems.push(at(
                        "amount_fen",
                        P::MoreThanListed,
                        format!("{amount} fen is more than the {} listed", l.expected_fen),
                    ));
                } else if amount != l.expected_fen && reason.is_none() {
                    problems.push(at(
                        "reason",
                        P::ChangedWithoutReason,
                        format!(
                            "{amount} fen instead of the {} listed: say why",
                            l.expected_fen
                        ),
                    ));
                }
                match a.on {
                    None => problems.push(at("on", P::DateRequired, "the day it happened".into())),
                    Some(on) if on > today || on < l.earliest => problems.push(at(
                        "on",
                        P::DateOutOfRange,
                        format!(
                            "{on} is not between the filing ({}) and today ({today})",
                            l.earliest
                        ),
                    )),
                    Some(_) => {}
                }
                accepted.push(Accepted {
                    line: a.line,
                    answer: a.answer,
                    amount_fen: amount,
                    on: a.on,
                    reason,
                });
            }
        }
    }
    for l in listed {
        if !seen.contains(&l.line) {
            problems.push(problem(
                None,
                Some(l.line),
                "line",
                P::Missing,
                format!("line {} has no answer", l.line),
            ));
        }
    }
    if let Some(declared) = sheet.declared_total_fen {
        let sum: Fen = accepted
            .iter()
            .filter(|a| a.answer == LineAnswer::Done)
            .map(|a| a.amount_fen)
            .sum();
        if declared != sum {
            problems.push(problem(
                None,
                None,
                "total",
                P::WrongTotal,
                format!("the total says {declared} fen; the lines confirmed add up to {sum}"),
            ));
        }
    }
    if problems.is_empty() {
        Ok(accepted)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn listed() -> Vec<ListedLine> {
        vec![
            ListedLine {
                line: 1,
                expected_fen: 50_000,
                earliest: day("2022-05-01"),
            },
            ListedLine {
                line: 2,
                expected_fen: 30_000,
                earliest: day("2022-05-01"),
            },
        ]
    }

    fn done(line: i64, amount: Fen) -> LineAnswerRequest {
        LineAnswerRequest {
            line,
            answer: LineAnswer::Done,
            amount_fen: Some(amount),
            on: Some(day("2022-12-20")),
            reason: None,
        }
    }

    fn sheet(rows: Vec<LineAnswerRequest>, total: Option<Fen>) -> Sheet {
        Sheet {
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, r)| (Some(i as u32 + 5), r))
                .collect(),
            declared_total_fen: total,
            unreadable: Vec::new(),
        }
    }

    #[test]
    fn every_line_confirmed_as_listed_with_the_right_total_is_accepted() {
        let ok = check(
            &listed(),
            &sheet(vec![done(1, 50_000), done(2, 30_000)], Some(80_000)),
            day("2022-12-31"),
        );
        assert_eq!(ok.unwrap().len(), 2);
    }

    #[test]
    fn one_bad_line_refuses_the_whole_answer_and_every_problem_is_listed() {
        let mut not_done = done(2, 0);
        not_done.answer = LineAnswer::NotDone;
        not_done.amount_fen = None;
        let refused = check(
            &listed(),
            &sheet(
                vec![done(1, 40_000), done(9, 10), not_done, done(1, 50_000)],
                Some(1),
            ),
            day("2022-12-31"),
        )
        .unwrap_err();
        let codes: Vec<(Option<u32>, &str)> = refused
            .iter()
            .map(|p| (p.row, p.problem.as_str()))
            .collect();
        assert_eq!(
            codes,
            vec![
                (Some(5), "changed_without_reason"),
                (Some(6), "not_theirs"),
                (Some(7), "reason_required"),
                (Some(8), "duplicate"),
                (None, "wrong_total"),
            ]
        );
    }

    #[test]
    fn a_missing_line_a_late_day_and_more_than_listed_are_refused() {
        let mut late = done(1, 60_000);
        late.on = Some(day("2023-01-05"));
        let refused = check(&listed(), &sheet(vec![late], None), day("2022-12-31")).unwrap_err();
        let codes: Vec<&str> = refused.iter().map(|p| p.problem.as_str()).collect();
        assert_eq!(
            codes,
            vec!["more_than_listed", "date_out_of_range", "missing"]
        );
    }

    #[test]
    fn a_smaller_amount_with_a_reason_is_accepted() {
        let mut part = done(1, 40_000);
        part.reason = Some("企业已自行结清 100 元".into());
        let mut not_done = done(2, 0);
        not_done.answer = LineAnswer::NotDone;
        not_done.reason = Some("户号已销户".into());
        let ok = check(
            &listed(),
            &sheet(vec![part, not_done], Some(40_000)),
            day("2022-12-31"),
        )
        .unwrap();
        assert_eq!(ok[0].amount_fen, 40_000);
        assert_eq!(ok[1].answer, LineAnswer::NotDone);
    }
}
