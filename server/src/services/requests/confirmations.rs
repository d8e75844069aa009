//! Confirmation by the one who pays or delivers (the ledger's item 3): the deciding
//! department lists the lines a provider is to deliver for a month and sends them a
//! one-time link (no account; only those lines; expiring) or the same list as an Excel
//! template; the provider confirms each line or says it was not done, online or by uploading
//! the filled template. The answer is checked whole — one bad line refuses it all, every
//! problem listed — and applied in one transaction: each line confirmed is a ledger entry
//! naming the confirmation as its source.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use shared::account::Role;
use shared::api::confirmations::{
    ANSWER_WITHIN_DAYS, Accepted, ConfirmationLineView, ConfirmationProblem, ConfirmationState,
    ConfirmationView, CreatedConfirmation, LINK_DAYS, LineAnswer, LineAnswerRequest, LineState,
    ListedLine, MAX_PROVIDER, MAX_REQUESTS, NewConfirmation, ProblemItem, ProviderAnswer, Sheet,
};
use shared::application::ledger::{self, EntryKind, LedgerEntryRequest};
use shared::application::{RequestState, beijing_day};
use shared::catalog::DepartmentId;
use shared::money::Fen;

use crate::AppState;
use crate::services::tokens::{random_hex, sha256_hex};
use crate::services::{Actor, Error, RequestError};
use crate::store::confirmations::{self as store, ConfirmationRecord, LineRecord};
use crate::store::ledger::{self as ledger_store, EntryRecord, NewEntry};
use crate::store::{LockKind, WriteError, advisory_lock};

use super::visible;

/// The template's columns, in order.
pub const COLUMNS: [&str; 11] = [
    "行号",
    "申请编号",
    "经营者",
    "事项",
    "所属月份",
    "应办金额（元）",
    "应办日期",
    "确认金额（元）",
    "实际办理日期",
    "未办（填“未办”）",
    "原因",
];
/// The first cell of the template's total row.
pub const TOTAL: &str = "合计";

fn kind_words(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Deferred => "缓缴费用结清",
        EntryKind::RefundDue => "退还租金",
        EntryKind::Owed => "发放资金",
        _ => "其他",
    }
}

fn state_of(c: &ConfirmationRecord, now: chrono::DateTime<chrono::Utc>) -> ConfirmationState {
    match (c.answered_at, now >= c.expires_at) {
        (Some(_), _) => ConfirmationState::Answered,
        (None, true) => ConfirmationState::Expired,
        (None, false) => ConfirmationState::Open,
    }
}

/// Whether a confirmation is past the day its answer was due, unanswered.
pub fn overdue(c: &ConfirmationRecord, today: NaiveDate) -> bool {
    c.answered_at.is_none() && today > c.answer_by
}

async fn view(state: &AppState, c: &ConfirmationRecord) -> Result<ConfirmationView, Error> {
    let lines = store::lines(&state.db, c.id).await?;
    let mut openings: HashMap<i32, EntryRecord> = HashMap::new();
    let mut requests: BTreeMap<i32, (String, String)> = BTreeMap::new();
    for l in &lines {
        if let std::collections::btree_map::Entry::Vacant(slot) = requests.entry(l.request_id) {
            let r = crate::store::requests::find(&state.db, l.request_id).await?;
            let name = match &r {
                Some(r) => crate::store::users::business(&state.db, r.owner_id)
                    .await?
                    .map(|b| b.business_name)
                    .unwrap_or_default(),
                None => String::new(),
            };
            slot.insert((r.map(|r| r.number).unwrap_or_default(), name));
        }
        if let Some(e) = ledger_store::entry(&state.db, l.opening_id).await? {
            openings.insert(l.opening_id, e);
        }
    }
    let line_views: Vec<ConfirmationLineView> = lines
        .iter()
        .map(|l| {
            let opening = openings.get(&l.opening_id);
            let (number, name) = requests.get(&l.request_id).cloned().unwrap_or_default();
            ConfirmationLineView {
                line: i64::from(l.id),
                request_id: i64::from(l.request_id),
                number,
                business_name: name,
                kind: opening.map_or(EntryKind::Deferred, |o| o.kind),
                month: opening.and_then(|o| o.month.clone()),
                expected_fen: l.expected_fen,
                due_on: opening.and_then(|o| o.due_on),
                state: l.state,
                confirmed_fen: l.confirmed_fen,
                confirmed_on: l.confirmed_on,
                reason: l.reason.clone(),
                entry: l.entry_id.map(i64::from),
            }
        })
        .collect();
    Ok(ConfirmationView {
        id: i64::from(c.id),
        department: c.department,
        provider: c.provider.clone(),
        month: c.month.clone(),
        created_at: c.created_at,
        answer_by: c.answer_by,
        expires_at: c.expires_at,
        state: state_of(c, state.now()),
        overdue: overdue(c, state.today()),
        answered_at: c.answered_at,
        answered_by: c.answered_by.clone(),
        total_expected_fen: lines.iter().map(|l| l.expected_fen).sum(),
        lines: line_views,
    })
}

fn check_month(month: &str) -> Result<(), Error> {
    let ok =
        month.len() == 7 && NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").is_ok();
    if ok {
        Ok(())
    } else {
        Err(Error::field("month", "a month written YYYY-MM"))
    }
}

/// The open lines of an approved request for a month: each opening someone else delivers
/// (a deferral of that month, a refund, a payment) while something is still outstanding,
/// at most what is outstanding.
fn open_lines(entries: &[EntryRecord], month: &str) -> Vec<(i32, Fen)> {
    let posted: Vec<_> = entries.iter().map(EntryRecord::posted).collect();
    let mut left = ledger::balance(&posted).outstanding_fen;
    let mut lines = Vec::new();
    for e in entries {
        let of_month = e.kind != EntryKind::Deferred || e.month.as_deref() == Some(month);
        if e.kind.closed_by().is_some() && of_month && left > 0 {
            let fen = e.amount_fen.min(left);
            left -= fen;
            lines.push((e.id, fen));
        }
    }
    lines
}

/// Lists a provider's lines for a month and makes its one-time link, for an official of the
/// department that decided the requests.
pub async fn create(
    state: &AppState,
    caller: &Actor,
    body: NewConfirmation,
) -> Result<CreatedConfirmation, RequestError> {
    let Some(department) = caller.department.filter(|_| caller.role == Role::Official) else {
        return Err(
            Error::Forbidden("officials of the deciding department send confirmations").into(),
        );
    };
    let provider = body.provider.trim().to_string();
    if provider.is_empty() || provider.chars().count() > MAX_PROVIDER {
        return Err(
            Error::field("provider", format!("from 1 to {MAX_PROVIDER} characters")).into(),
        );
    }
    check_month(&body.month)?;
    if body.requests.is_empty() || body.requests.len() > MAX_REQUESTS {
        return Err(
            Error::field("requests", format!("from 1 to {MAX_REQUESTS} request ids")).into(),
        );
    }
    let mut lines: Vec<(i32, i32, Fen)> = Vec::new();
    let mut seen = HashSet::new();
    for id in &body.requests {
        if !seen.insert(*id) {
            continue;
        }
        // A request the caller may not see is named as not found, like everywhere else.
        let r = visible(state, caller, *id).await?;
        if r.status != RequestState::Approved {
            return Err(Error::field("requests", format!("{} is not approved", r.number)).into());
        }
        let entries = ledger_store::for_request(&state.db, r.id).await?;
        if entries.first().is_some_and(|e| e.department != department) {
            return Err(Error::field(
                "requests",
                format!("{} was decided by another department", r.number),
            )
            .into());
        }
        for (opening, fen) in open_lines(&entries, &body.month) {
            lines.push((r.id, opening, fen));
        }
    }
    // An opening on one confirmation at a time: not on one still open, nor done already.
    let now = state.now();
    let openings: Vec<i32> = lines.iter().map(|(_, o, _)| *o).collect();
    let mut taken = HashSet::new();
    for l in store::lines_of_openings(&state.db, &openings).await? {
        let Some(c) = store::find(&state.db, l.confirmation_id).await? else {
            continue;
        };
        let pending = l.state == LineState::Pending && state_of(&c, now) == ConfirmationState::Open;
        if pending || l.state == LineState::Done {
            taken.insert(l.opening_id);
        }
    }
    lines.retain(|(_, o, _)| !taken.contains(o));
    if lines.is_empty() {
        return Err(Error::field(
            "requests",
            format!(
                "nothing is left to confirm for {}: no deferral of that month, refund or payment outstanding that another confirmation does not list",
                body.month
            ),
        )
        .into());
    }
    let token = random_hex(32)?;
    let today = state.today();
    let answer_by = today + Duration::days(ANSWER_WITHIN_DAYS);
    let expires_at = now + Duration::days(LINK_DAYS);
    let token_hash = sha256_hex(&token);
    let id = crate::store::write(&state.writer, async |txn| {
        let id = store::insert(
            txn,
            store::NewConfirmation {
                department,
                provider: &provider,
                month: &body.month,
                token_hash: &token_hash,
                at: now,
                by: caller.id,
                answer_by,
                expires_at,
                lines: &lines,
            },
        )
        .await?;
        crate::store::audit::record(
            txn,
            now,
            crate::store::audit::AuditEntry {
                actor_id: Some(caller.id),
                actor_role: Some(caller.role.as_str().into()),
                action: "confirmation_sent".into(),
                target_id: Some(id),
                detail: Some(format!("{provider} {} ({} lines)", body.month, lines.len())),
                ..Default::default()
            },
        )
        .await?;
        Ok::<_, Error>(id)
    })
    .await?;
    let c = store::find(&state.db, id)
        .await?
        .ok_or(Error::NotFound("no such confirmation"))?;
    tracing::info!(confirmation = id, lines = lines.len(), "confirmation sent");
    Ok(CreatedConfirmation {
        link: format!("{}/confirm/{token}", state.public_url),
        confirmation: view(state, &c).await?,
    })
}

/// A confirmation of the caller's department (all for supervisors); 404 otherwise.
async fn of_caller(state: &AppState, caller: &Actor, id: i64) -> Result<ConfirmationRecord, Error> {
    let not_found = Error::NotFound("no such confirmation");
    let id = i32::try_from(id).map_err(|_| Error::NotFound("no such confirmation"))?;
    let c = store::find(&state.db, id).await?.ok_or(not_found)?;
    let sees = match caller.role {
        Role::Supervisor | Role::Admin => true,
        Role::Official => caller.department == Some(c.department),
        Role::Applicant => false,
    };
    if sees {
        Ok(c)
    } else {
        Err(Error::NotFound("no such confirmation"))
    }
}

pub async fn get(state: &AppState, caller: &Actor, id: i64) -> Result<ConfirmationView, Error> {
    let c = of_caller(state, caller, id).await?;
    view(state, &c).await
}

/// The department's confirmations (all for supervisors), newest first.
pub async fn list(state: &AppState, caller: &Actor) -> Result<Vec<ConfirmationView>, Error> {
    let department = match caller.role {
        Role::Official => Some(caller.department.ok_or(Error::Forbidden("no department"))?),
        Role::Supervisor | Role::Admin => None,
        Role::Applicant => return Err(Error::Forbidden("staff only")),
    };
    let mut out = Vec::new();
    for c in store::list(&state.db, department).await? {
        out.push(view(state, &c).await?);
    }
    Ok(out)
}

/// Unanswered confirmations past their day, per department (the dashboard's column).
pub async fn overdue_by_department(state: &AppState) -> Result<HashMap<DepartmentId, u64>, Error> {
    let today = state.today();
    let mut out = HashMap::new();
    for c in store::list(&state.db, None).await? {
        if overdue(&c, today) {
            *out.entry(c.department).or_insert(0) += 1;
        }
    }
    Ok(out)
}

/// Why a link does not open: unknown (404), or spent or expired (410).
pub enum LinkRefused {
    Unknown,
    Answered,
    Expired,
}

async fn by_link(
    state: &AppState,
    token: &str,
) -> Result<Result<ConfirmationRecord, LinkRefused>, Error> {
    let well_formed = token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit());
    if !well_formed {
        return Ok(Err(LinkRefused::Unknown));
    }
    let Some(c) = store::by_token(&state.db, &sha256_hex(token)).await? else {
        return Ok(Err(LinkRefused::Unknown));
    };
    Ok(match state_of(&c, state.now()) {
        ConfirmationState::Open => Ok(c),
        ConfirmationState::Answered => Err(LinkRefused::Answered),
        ConfirmationState::Expired => Err(LinkRefused::Expired),
    })
}

/// What the provider's link shows: its confirmation, only while it is open.
pub async fn by_token(
    state: &AppState,
    token: &str,
) -> Result<Result<ConfirmationView, LinkRefused>, Error> {
    match by_link(state, token).await? {
        Ok(c) => Ok(Ok(view(state, &c).await?)),
        Err(e) => Ok(Err(e)),
    }
}

/// The provider answers online.
pub async fn answer(
    state: &AppState,
    token: &str,
    body: ProviderAnswer,
) -> Result<Result<ConfirmationView, LinkRefused>, RequestError> {
    let sheet = Sheet {
        rows: body.lines.into_iter().map(|l| (None, l)).collect(),
        declared_total_fen: None,
        unreadable: Vec::new(),
    };
    apply(state, token, sheet, "link").await
}

/// The provider uploads the filled template.
pub async fn upload(
    state: &AppState,
    token: &str,
    bytes: &[u8],
) -> Result<Result<ConfirmationView, LinkRefused>, RequestError> {
    let sheet = read_template(bytes);
    apply(state, token, sheet, "upload").await
}

fn refused(problems: Vec<ProblemItem>) -> RequestError {
    RequestError::Confirmation(problems)
}

/// Checks an answer whole and applies it in one transaction, or nothing.
async fn apply(
    state: &AppState,
    token: &str,
    sheet: Sheet,
    how: &str,
) -> Result<Result<ConfirmationView, LinkRefused>, RequestError> {
    let c = match by_link(state, token).await? {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let lines = store::lines(&state.db, c.id).await?;
    let mut filed: HashMap<i32, NaiveDate> = HashMap::new();
    for l in &lines {
        if let Some(r) = crate::store::requests::find(&state.db, l.request_id).await? {
            filed.insert(l.request_id, beijing_day(r.created_at));
        }
    }
    let listed: Vec<ListedLine> = lines
        .iter()
        .map(|l| ListedLine {
            line: i64::from(l.id),
            expected_fen: l.expected_fen,
            earliest: filed.get(&l.request_id).copied().unwrap_or(NaiveDate::MIN),
        })
        .collect();
    let today = state.today();
    let accepted = shared::api::confirmations::check(&listed, &sheet, today).map_err(refused)?;
    let by_line: HashMap<i64, &LineRecord> = lines.iter().map(|l| (i64::from(l.id), l)).collect();
    let now = state.now();
    let reference = format!("出资方确认单第{}号（{}）", c.id, c.provider);
    crate::store::write(&state.writer, async |txn| {
        if !store::mark_answered(txn, c.id, now, how).await? {
            return Err(RequestError::from(Error::NotFound(
                "this confirmation was answered already",
            )));
        }
        let mut problems = Vec::new();
        for a in &accepted {
            let Some(l) = by_line.get(&a.line) else {
                continue;
            };
            let entry = match a.answer {
                LineAnswer::NotDone => None,
                LineAnswer::Done => {
                    Some(record_entry(txn, state, &c, l, a, &reference, now).await?)
                }
            };
            match entry {
                Some(Err(p)) => problems.push(p),
                Some(Ok(id)) => {
                    store::answer_line(
                        txn,
                        l.id,
                        LineState::Done,
                        Some(a.amount_fen),
                        a.on,
                        a.reason.clone(),
                        Some(id),
                    )
                    .await?;
                }
                None => {
                    store::answer_line(
                        txn,
                        l.id,
                        LineState::NotDone,
                        None,
                        None,
                        a.reason.clone(),
                        None,
                    )
                    .await?;
                }
            }
        }
        // A line the ledger refuses now (another entry closed it since): nothing is kept.
        if problems.is_empty() {
            Ok(())
        } else {
            Err(refused(problems))
        }
    })
    .await?;
    tracing::info!(confirmation = c.id, how, "confirmation answered");
    let c = store::find(&state.db, c.id)
        .await?
        .ok_or(Error::NotFound("no such confirmation"))?;
    Ok(Ok(view(state, &c).await?))
}

/// Records a confirmed line on its request's ledger, checked as an official's entry would
/// be; a problem when the ledger refuses it.
async fn record_entry(
    txn: &sea_orm::DatabaseTransaction,
    state: &AppState,
    c: &ConfirmationRecord,
    l: &LineRecord,
    a: &Accepted,
    reference: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Result<i32, ProblemItem>, RequestError> {
    advisory_lock(txn, LockKind::Ledger, l.request_id).await?;
    let entries = ledger_store::for_request(txn, l.request_id).await?;
    let Some(opening) = entries.iter().find(|e| e.id == l.opening_id) else {
        return Err(Error::NotFound("the line's ledger entry is gone").into());
    };
    let Some(kind) = opening.kind.closed_by() else {
        return Err(Error::NotFound("the line closes nothing").into());
    };
    let (Some(on), Some(r)) = (a.on, crate::store::requests::find(txn, l.request_id).await?) else {
        return Err(Error::NotFound("no such request").into());
    };
    let body = LedgerEntryRequest {
        kind,
        amount_fen: a.amount_fen,
        on,
        reference: reference.to_string(),
        reverses: None,
        note: a.reason.clone(),
    };
    let posted: Vec<_> = entries.iter().map(EntryRecord::posted).collect();
    let checked = match ledger::check(&posted, &body, beijing_day(r.created_at), state.today()) {
        Ok(c) => c,
        Err(e) => {
            return Ok(Err(ProblemItem {
                row: None,
                line: Some(i64::from(l.id)),
                field: "amount_fen".into(),
                problem: ConfirmationProblem::MoreThanListed,
                message: e.message,
            }));
        }
    };
    let written = ledger_store::insert(
        txn,
        NewEntry {
            request_id: l.request_id,
            kind: checked.kind,
            amount_fen: checked.amount_fen,
            on: checked.on,
            month: opening.month.clone(),
            due_on: None,
            reference: Some(checked.reference),
            note: checked.note,
            reverses: None,
            department: c.department,
            jurisdiction: r.jurisdiction,
            recorded_at: now,
            // On behalf of the official who sent it; the reference names the provider.
            recorded_by: c.created_by,
            recorded_role: Role::Official,
            idempotency_key: format!("confirmation:{}:{}", c.id, l.id),
        },
    )
    .await;
    match written {
        Ok(id) => Ok(Ok(id)),
        Err(WriteError::Taken) => Err(Error::NotFound("this line was confirmed already").into()),
        Err(WriteError::Db(e)) => Err(e.into()),
    }
}

/// The template as a workbook: the title, who sends it to whom and by when, how to fill it,
/// a row per line, and the total row the provider fills.
pub fn template(view: &ConfirmationView, department: &str) -> Result<Vec<u8>, Error> {
    use rust_xlsxwriter::{Format, Workbook};
    let xlsx = |e: rust_xlsxwriter::XlsxError| Error::Internal(format!("template: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("确认单").map_err(xlsx)?;
    let bold = Format::new().set_bold();
    let input = Format::new().set_background_color(rust_xlsxwriter::Color::RGB(0x00FF_F7D6));
    sheet
        .write_string_with_format(0, 0, format!("出资方确认单 第{}号", view.id), &bold)
        .map_err(xlsx)?;
    sheet
        .write_string(
            1,
            0,
            format!(
                "出资方：{}　月份：{}　发出部门：{}　请于 {} 前回传",
                view.provider, view.month, department, view.answer_by
            ),
        )
        .map_err(xlsx)?;
    sheet
        .write_string(
            2,
            0,
            "逐行填写黄色格：已办的填“确认金额（元）”和“实际办理日期”（如 2022-12-20）；未办的在“未办”列填“未办”并写明原因；金额与应办金额不同须写明原因。最后填写“合计”行的确认金额合计。请勿增删行、改动行号。",
        )
        .map_err(xlsx)?;
    for (col, title) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(3, col as u16, *title, &bold)
            .map_err(xlsx)?;
    }
    let mut row = 4u32;
    for l in &view.lines {
        sheet.write_number(row, 0, l.line as f64).map_err(xlsx)?;
        sheet.write_string(row, 1, &l.number).map_err(xlsx)?;
        sheet.write_string(row, 2, &l.business_name).map_err(xlsx)?;
        sheet
            .write_string(row, 3, kind_words(l.kind))
            .map_err(xlsx)?;
        sheet
            .write_string(row, 4, l.month.as_deref().unwrap_or(""))
            .map_err(xlsx)?;
        sheet
            .write_string(row, 5, crate::services::export::yuan(l.expected_fen))
            .map_err(xlsx)?;
        sheet
            .write_string(row, 6, l.due_on.map(|d| d.to_string()).unwrap_or_default())
            .map_err(xlsx)?;
        for col in 7..=10 {
            sheet.write_blank(row, col, &input).map_err(xlsx)?;
        }
        row += 1;
    }
    sheet
        .write_string_with_format(row, 0, TOTAL, &bold)
        .map_err(xlsx)?;
    sheet
        .write_string(
            row,
            5,
            crate::services::export::yuan(view.total_expected_fen),
        )
        .map_err(xlsx)?;
    sheet.write_blank(row, 7, &input).map_err(xlsx)?;
    for (col, width) in [
        (0, 8),
        (1, 16),
        (2, 24),
        (3, 14),
        (4, 10),
        (5, 14),
        (6, 12),
        (7, 14),
        (8, 14),
        (9, 14),
        (10, 30),
    ] {
        sheet.set_column_width(col, width).map_err(xlsx)?;
    }
    sheet.set_freeze_panes(4, 0).map_err(xlsx)?;
    sheet.set_landscape();
    book.save_to_buffer().map_err(xlsx)
}

/// A cell as text, trimmed (numbers as Excel shows them).
fn text(cell: Option<&calamine::Data>) -> String {
    use calamine::Data;
    match cell {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.trim().to_string(),
        Some(Data::Float(f)) => format!("{f}"),
        Some(Data::Int(i)) => i.to_string(),
        Some(other) => other.to_string().trim().to_string(),
    }
}

/// Yuan written as text, as fen, exactly: `1234.5`, `1,234.50`, `¥1234`; `None` when empty.
pub fn yuan_text_to_fen(text: &str) -> Option<Result<Fen, ()>> {
    let t = text.trim().replace([',', '，', '¥', '￥', '元', ' '], "");
    if t.is_empty() {
        return None;
    }
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 13 || !digits(whole) || frac.len() > 2 || !digits(frac) {
        return Some(Err(()));
    }
    let whole: Fen = match whole.parse() {
        Ok(w) => w,
        Err(_) => return Some(Err(())),
    };
    let frac: Fen = format!("{frac:0<2}").parse().unwrap_or(0);
    Some(Ok(whole * 100 + frac))
}

/// A cell in yuan, as fen.
fn fen_of(cell: Option<&calamine::Data>) -> Option<Result<Fen, ()>> {
    use calamine::Data;
    match cell {
        None | Some(Data::Empty) => None,
        Some(Data::Float(f)) => Some(if f.is_finite() && *f >= 0.0 && *f < 1e13 {
            Ok((f * 100.0).round() as Fen)
        } else {
            Err(())
        }),
        Some(Data::Int(i)) => Some(i.checked_mul(100).ok_or(())),
        Some(other) => yuan_text_to_fen(&text(Some(other))),
    }
}

/// A day: a date cell, an Excel serial, or `2022-12-20` / `2022/12/20` / `2022年12月20日`.
fn day_of(cell: Option<&calamine::Data>) -> Option<Result<NaiveDate, ()>> {
    use calamine::Data;
    let serial = |f: f64| {
        NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|base| base.checked_add_signed(Duration::days(f.floor() as i64)))
            .ok_or(())
    };
    match cell {
        None | Some(Data::Empty) => None,
        Some(Data::DateTime(d)) => Some(serial(d.as_f64())),
        Some(Data::Float(f)) => Some(serial(*f)),
        Some(Data::Int(i)) => Some(serial(*i as f64)),
        Some(other) => {
            let t = text(Some(other));
            if t.is_empty() {
                return None;
            }
            let t = t.replace(['/', '年', '月', '.'], "-").replace('日', "");
            Some(NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| ()))
        }
    }
}

fn unreadable(row: u32, field: &str, message: &str) -> ProblemItem {
    ProblemItem {
        row: Some(row),
        line: None,
        field: field.to_string(),
        problem: ConfirmationProblem::Unreadable,
        message: message.to_string(),
    }
}

/// Reads a filled template: its lines and its total, and what could not be read. Rows are
/// counted from 1, as Excel shows them.
pub fn read_template(bytes: &[u8]) -> Sheet {
    use calamine::{Reader, Xlsx};
    let not_the_template = |message: &str| Sheet {
        rows: Vec::new(),
        declared_total_fen: None,
        unreadable: vec![ProblemItem {
            row: None,
            line: None,
            field: "file".into(),
            problem: ConfirmationProblem::NotTheTemplate,
            message: message.to_string(),
        }],
    };
    let Ok(mut book) = Xlsx::new(std::io::Cursor::new(bytes)) else {
        return not_the_template("the file is not an Excel workbook (.xlsx)");
    };
    let Some(Ok(range)) = book.worksheet_range_at(0) else {
        return not_the_template("the workbook has no sheet");
    };
    let rows: Vec<&[calamine::Data]> = range.rows().collect();
    let offset = range.start().map_or(0, |(r, _)| r);
    let Some(header) = rows.iter().position(|r| text(r.first()) == COLUMNS[0]) else {
        return not_the_template(
            "no header row starting with 行号: upload the template as downloaded",
        );
    };
    let mut sheet = Sheet::default();
    let mut total_seen = false;
    for (i, r) in rows.iter().enumerate().skip(header + 1) {
        let row = offset + i as u32 + 1;
        let first = text(r.first());
        if first == TOTAL {
            total_seen = true;
            match fen_of(r.get(7)) {
                Some(Ok(fen)) => sheet.declared_total_fen = Some(fen),
                Some(Err(())) => sheet.unreadable.push(unreadable(
                    row,
                    "total",
                    "the total is not an amount in yuan",
                )),
                None => sheet.unreadable.push(ProblemItem {
                    row: Some(row),
                    line: None,
                    field: "total".into(),
                    problem: ConfirmationProblem::WrongTotal,
                    message: "fill in the total of the amounts confirmed".into(),
                }),
            }
            break;
        }
        if r.iter().all(|c| text(Some(c)).is_empty()) {
            continue;
        }
        let Ok(line) = first.trim_end_matches(".0").parse::<i64>() else {
            sheet.unreadable.push(unreadable(
                row,
                "line",
                "the 行号 is not a line number of the template",
            ));
            continue;
        };
        let not_done =
            !text(r.get(9)).is_empty() && !matches!(text(r.get(9)).as_str(), "否" | "no" | "No");
        let amount = match fen_of(r.get(7)) {
            Some(Ok(f)) => Some(f),
            Some(Err(())) => {
                sheet.unreadable.push(unreadable(
                    row,
                    "amount_fen",
                    "the amount is not in yuan (e.g. 1234.50)",
                ));
                continue;
            }
            None => None,
        };
        let on = match day_of(r.get(8)) {
            Some(Ok(d)) => Some(d),
            Some(Err(())) => {
                sheet.unreadable.push(unreadable(
                    row,
                    "on",
                    "the day is not a date (e.g. 2022-12-20)",
                ));
                continue;
            }
            None => None,
        };
        let reason = Some(text(r.get(10))).filter(|t| !t.is_empty());
        sheet.rows.push((
            Some(row),
            LineAnswerRequest {
                line,
                answer: if not_done {
                    LineAnswer::NotDone
                } else {
                    LineAnswer::Done
                },
                amount_fen: amount,
                on,
                reason,
            },
        ));
    }
    if !total_seen {
        sheet.unreadable.push(ProblemItem {
            row: None,
            line: None,
            field: "total".into(),
            problem: ConfirmationProblem::NotTheTemplate,
            message: "no 合计 row: upload the template as downloaded".into(),
        });
    }
    sheet
}

/// The template's file name: `确认单-12-国网巴州供电公司-2022-12.xlsx`.
pub fn template_name(view: &ConfirmationView) -> String {
    let provider: String = view
        .provider
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    format!("确认单-{}-{provider}-{}.xlsx", view.id, view.month)
}
