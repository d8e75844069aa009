//! The ledger after a decision: the entries an approval opens, the ones the deciding
//! department records since, and their sums for the owner, the desk and the supervisors.

use std::collections::BTreeMap;

use sea_orm::{DatabaseTransaction, DbErr};
use shared::account::Role;
use shared::api::ledger::{
    CountyLedger, DepartmentLedger, LedgerEntryView, LedgerSummary, LedgerTotals, LedgerView,
    MissingReceipt, ReceiptRequest, ReceiptView, ResolutionRequest,
};
use shared::application::ledger::{self, LedgerEntryRequest, LedgerError, LedgerProblem};
use shared::application::{Grant, RequestState, beijing_day};

use crate::AppState;
use crate::services::{Actor, Error, RequestError};
use crate::store::ledger::{self as store, EntryRecord, NewEntry, NewReceipt, ReceiptRecord};
use crate::store::requests::RequestRecord;
use crate::store::{LockKind, WriteError, advisory_lock};

use super::visible;

/// Opens the ledger of a request approved with `grant`, in the approval's transaction: one
/// entry per opening, keyed by the version it was approved on (a retried approval cannot
/// open it twice).
pub(super) async fn open(
    txn: &DatabaseTransaction,
    state: &AppState,
    caller: &Actor,
    r: &RequestRecord,
    grant: &Grant,
) -> Result<(), DbErr> {
    let Some(department) = caller.department.or(r.lead) else {
        return Ok(());
    };
    let now = state.now();
    for (n, opening) in ledger::openings(grant).into_iter().enumerate() {
        store::insert(
            txn,
            NewEntry {
                request_id: r.id,
                kind: opening.kind,
                amount_fen: opening.amount_fen,
                on: state.today(),
                month: opening.month,
                due_on: opening.due_on,
                reference: None,
                note: None,
                reverses: None,
                department,
                jurisdiction: r.jurisdiction,
                recorded_at: now,
                recorded_by: caller.id,
                recorded_role: caller.role,
                idempotency_key: format!("grant:v{}:{n}", r.version),
            },
        )
        .await
        .map_err(|e| match e {
            WriteError::Db(e) => e,
            WriteError::Taken => DbErr::Custom("the ledger was opened twice".into()),
        })?;
    }
    Ok(())
}

fn entry_view(
    e: &EntryRecord,
    reversed_by: Option<i64>,
    receipt: Option<&ReceiptRecord>,
    staff: bool,
) -> LedgerEntryView {
    LedgerEntryView {
        id: i64::from(e.id),
        kind: e.kind,
        amount_fen: e.amount_fen,
        on: e.on,
        month: e.month.clone(),
        due_on: e.due_on,
        reference: e.reference.clone(),
        note: e.note.clone(),
        reverses: e.reverses.map(i64::from),
        reversed_by,
        recorded_at: e.recorded_at,
        by: e.recorded_role,
        department: e.department,
        by_id: staff.then_some(e.recorded_by),
        receipt: receipt.map(receipt_view),
    }
}

fn receipt_view(r: &ReceiptRecord) -> ReceiptView {
    ReceiptView {
        received: r.received,
        note: r.note.clone(),
        answered_at: r.answered_at,
        resolved_at: r.resolved_at,
        resolution: r.resolution.clone(),
    }
}

fn ledger_view(entries: &[EntryRecord], receipts: &[ReceiptRecord], staff: bool) -> LedgerView {
    let posted: Vec<_> = entries.iter().map(EntryRecord::posted).collect();
    let sums = ledger::balance(&posted);
    LedgerView {
        entries: entries
            .iter()
            .map(|e| {
                entry_view(
                    e,
                    sums.reversed_by.get(&i64::from(e.id)).copied(),
                    receipts.iter().find(|r| r.entry_id == e.id),
                    staff,
                )
            })
            .collect(),
        granted_fen: sums.granted_fen,
        outstanding_fen: sums.outstanding_fen,
        side: sums.side,
        settle_by: entries.iter().filter_map(|e| e.due_on).max(),
    }
}

/// A request's ledger as read now.
async fn read(state: &AppState, request_id: i32, staff: bool) -> Result<LedgerView, RequestError> {
    let entries = store::for_request(&state.db, request_id).await?;
    let receipts = store::receipts_for_request(&state.db, request_id).await?;
    Ok(ledger_view(&entries, &receipts, staff))
}

/// A request's ledger, for whoever may see the request (404 for anyone else): owners see
/// the department, officials and supervisors also who wrote each entry.
pub async fn get(state: &AppState, caller: &Actor, id: i64) -> Result<LedgerView, RequestError> {
    let r = visible(state, caller, id).await?;
    read(state, r.id, caller.role.is_staff()).await
}

fn refused(e: LedgerError) -> RequestError {
    RequestError::Ledger(e)
}

/// What an entry recorded: the entry, and whether this call wrote it (`false`: a repeat of
/// the same key and body).
pub struct Recorded {
    pub entry: LedgerEntryView,
    pub created: bool,
}

/// Records what happened after the decision (settled, refunded, paid) or reverses an
/// earlier entry, for an official of the department that decided the request; the same
/// `key` again answers with the entry it wrote.
pub async fn record(
    state: &AppState,
    caller: &Actor,
    id: i64,
    key: String,
    body: LedgerEntryRequest,
) -> Result<Recorded, RequestError> {
    let r = visible(state, caller, id).await?;
    if caller.role != Role::Official {
        return Err(
            Error::Forbidden("officials of the deciding department record the ledger").into(),
        );
    }
    if r.status != RequestState::Approved {
        return Err(refused(LedgerError {
            field: "request",
            problem: LedgerProblem::NotApproved,
            message: format!("nothing was granted: the request is {}", r.status),
        }));
    }
    let filed_on = beijing_day(r.created_at);
    let today = state.today();
    let now = state.now();
    let outcome = crate::store::write(&state.writer, async |txn| {
        // One entry at a time per request, across processes: the check and the write it
        // allows are one step.
        advisory_lock(txn, LockKind::Ledger, r.id).await?;
        let entries = store::for_request(txn, r.id).await?;
        if let Some(earlier) = entries.iter().find(|e| e.idempotency_key == key) {
            return Ok(Written::Earlier(earlier.clone()));
        }
        let Some(department) = entries.first().map(|e| e.department) else {
            return Err(refused(LedgerError {
                field: "kind",
                problem: LedgerProblem::NothingToClose,
                message: "the decision granted nothing to settle, refund or pay".into(),
            }));
        };
        if caller.department != Some(department) {
            return Err(Error::Forbidden(
                "the department that decided the request records its ledger",
            )
            .into());
        }
        let posted: Vec<_> = entries.iter().map(EntryRecord::posted).collect();
        let checked = ledger::check(&posted, &body, filed_on, today).map_err(refused)?;
        let reverses = checked
            .reverses
            .map(|(id, kind)| i32::try_from(id).map(|id| (id, kind)))
            .transpose()
            .map_err(|e| Error::internal(&e))?;
        let written = store::insert(
            txn,
            NewEntry {
                request_id: r.id,
                kind: checked.kind,
                amount_fen: checked.amount_fen,
                on: checked.on,
                month: None,
                due_on: None,
                reference: Some(checked.reference),
                note: checked.note,
                reverses,
                department,
                jurisdiction: r.jurisdiction,
                recorded_at: now,
                recorded_by: caller.id,
                recorded_role: caller.role,
                idempotency_key: key.clone(),
            },
        )
        .await;
        match written {
            Ok(id) => Ok(Written::New(id)),
            // Under the lock only a reversal raced by another process's could meet this.
            Err(WriteError::Taken) => Err(refused(LedgerError {
                field: "reverses",
                problem: LedgerProblem::AlreadyReversed,
                message: "the entry was reversed already".into(),
            })),
            Err(WriteError::Db(e)) => Err(e.into()),
        }
    })
    .await?;
    let written = match outcome {
        Written::New(id) => id,
        // A repeat: the same body answers with the entry it wrote; another is refused.
        Written::Earlier(earlier) => {
            let same = earlier.kind == body.kind.entry()
                && earlier.amount_fen == body.amount_fen
                && earlier.on == body.on
                && earlier.reference.as_deref() == Some(body.reference.trim())
                && earlier.reverses.map(i64::from) == body.reverses;
            if !same {
                return Err(RequestError::KeyReused);
            }
            return Ok(Recorded {
                entry: written_view(state, r.id, earlier.id).await?,
                created: false,
            });
        }
    };
    tracing::info!(request = %r.number, entry = written, kind = %body.kind, "ledger entry recorded");
    Ok(Recorded {
        entry: written_view(state, r.id, written).await?,
        created: true,
    })
}

/// What a write found: an entry under the key already, or the one it wrote.
enum Written {
    Earlier(EntryRecord),
    New(i32),
}

/// An entry as the desk reads it, with whatever reversed it.
async fn written_view(
    state: &AppState,
    request_id: i32,
    entry: i32,
) -> Result<LedgerEntryView, RequestError> {
    read(state, request_id, true)
        .await?
        .entries
        .into_iter()
        .find(|e| e.id == i64::from(entry))
        .ok_or_else(|| Error::NotFound("no such entry").into())
}

/// The ledger's sums by department (the one that decided), by county and in all: for
/// supervisors.
pub async fn summary(state: &AppState, caller: &Actor) -> Result<LedgerSummary, RequestError> {
    if caller.role != Role::Supervisor {
        return Err(Error::Forbidden("the ledger's summary is for supervisors").into());
    }
    let (groups, counts) = store::summary(&state.db).await?;
    let mut departments: BTreeMap<_, LedgerTotals> = BTreeMap::new();
    let mut counties: BTreeMap<_, LedgerTotals> = BTreeMap::new();
    let mut totals = LedgerTotals::default();
    for g in &groups {
        for t in [
            departments.entry(g.department).or_default(),
            counties.entry(g.jurisdiction).or_default(),
            &mut totals,
        ] {
            t.add(g.kind, g.amount_fen, g.reverses_kind);
        }
    }
    for missing in store::open_missing(&state.db, None).await? {
        for t in [
            departments.entry(missing.department).or_default(),
            counties.entry(missing.jurisdiction).or_default(),
            &mut totals,
        ] {
            t.not_received_open += 1;
        }
    }
    for (department, jurisdiction, n) in counts {
        for t in [
            departments.entry(department).or_default(),
            counties.entry(jurisdiction).or_default(),
            &mut totals,
        ] {
            t.requests += n;
        }
    }
    let mut departments: Vec<DepartmentLedger> = departments
        .into_iter()
        .map(|(department, totals)| DepartmentLedger { department, totals })
        .collect();
    let catalog = state.catalog();
    let order = |d: &shared::catalog::DepartmentId| {
        catalog
            .departments
            .iter()
            .position(|c| c.id == *d)
            .unwrap_or(usize::MAX)
    };
    departments.sort_by_key(|d| order(&d.department));
    Ok(LedgerSummary {
        departments,
        counties: counties
            .into_iter()
            .map(|(jurisdiction, totals)| CountyLedger {
                jurisdiction,
                totals,
            })
            .collect(),
        totals,
    })
}

fn entry_refused(problem: LedgerProblem, message: impl Into<String>) -> RequestError {
    refused(LedgerError {
        field: "entry",
        problem,
        message: message.into(),
    })
}

/// An entry of a request the caller may see (404 for any other).
async fn entry_of(
    state: &AppState,
    caller: &Actor,
    id: i64,
    entry: i64,
) -> Result<(RequestRecord, EntryRecord), RequestError> {
    let r = visible(state, caller, id).await?;
    let no_entry = || RequestError::from(Error::NotFound("no such entry"));
    let entry = i32::try_from(entry).map_err(|_| no_entry())?;
    match store::entry(&state.db, entry).await? {
        Some(e) if e.request_id == r.id => Ok((r, e)),
        _ => Err(no_entry()),
    }
}

/// The owner says whether a refund or a payment the department recorded arrived, once; a
/// "no" opens a work item for the department (and shows on the supervisors' summary).
pub async fn answer_receipt(
    state: &AppState,
    caller: &Actor,
    id: i64,
    entry: i64,
    body: ReceiptRequest,
) -> Result<ReceiptView, RequestError> {
    let (r, e) = entry_of(state, caller, id, entry).await?;
    if !e.kind.asks_receipt() {
        return Err(entry_refused(
            LedgerProblem::NoReceiptAsked,
            format!(
                "entry {} is `{}`: only a refund or a payment is confirmed",
                e.id, e.kind
            ),
        ));
    }
    let entries = store::for_request(&state.db, r.id).await?;
    let posted: Vec<_> = entries.iter().map(EntryRecord::posted).collect();
    if ledger::balance(&posted)
        .reversed_by
        .contains_key(&i64::from(e.id))
    {
        return Err(entry_refused(
            LedgerProblem::EntryReversed,
            format!("entry {} was reversed: nothing of it is to arrive", e.id),
        ));
    }
    let note = body
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    if note
        .as_ref()
        .is_some_and(|n| n.chars().count() > ledger::MAX_NOTE)
    {
        return Err(refused(LedgerError {
            field: "note",
            problem: LedgerProblem::TooLong,
            message: format!("must be at most {} characters", ledger::MAX_NOTE),
        }));
    }
    let receipt = NewReceipt {
        request_id: r.id,
        entry_id: e.id,
        received: body.received,
        note,
        at: state.now(),
        owner_id: caller.id,
        department: e.department,
        jurisdiction: r.jurisdiction,
    };
    let written = crate::store::write(&state.writer, async |txn| {
        store::insert_receipt(txn, receipt).await
    })
    .await;
    match written {
        Ok(()) => {}
        Err(WriteError::Taken) => {
            return Err(RequestError::NotNow {
                message: format!("entry {} was answered already", e.id),
                action: false,
            });
        }
        Err(WriteError::Db(e)) => return Err(e.into()),
    }
    if !body.received {
        tracing::warn!(request = %r.number, entry = e.id, "the owner did not receive a refund or payment");
    }
    let receipts = store::receipts_for_request(&state.db, r.id).await?;
    receipts
        .iter()
        .find(|x| x.entry_id == e.id)
        .map(receipt_view)
        .ok_or_else(|| Error::NotFound("no such entry").into())
}

/// The deciding department says what it found about money the owner did not receive,
/// closing the work item.
pub async fn resolve(
    state: &AppState,
    caller: &Actor,
    id: i64,
    entry: i64,
    body: ResolutionRequest,
) -> Result<LedgerView, RequestError> {
    let (r, e) = entry_of(state, caller, id, entry).await?;
    if caller.role != Role::Official || caller.department != Some(e.department) {
        return Err(Error::Forbidden(
            "the department that decided the request answers for its ledger",
        )
        .into());
    }
    let resolution = body.resolution.trim().to_string();
    if resolution.is_empty() {
        return Err(refused(LedgerError {
            field: "resolution",
            problem: LedgerProblem::Required,
            message: "say what was found and done".into(),
        }));
    }
    if resolution.chars().count() > ledger::MAX_NOTE {
        return Err(refused(LedgerError {
            field: "resolution",
            problem: LedgerProblem::TooLong,
            message: format!("must be at most {} characters", ledger::MAX_NOTE),
        }));
    }
    let now = state.now();
    let closed = crate::store::write(&state.writer, async |txn| {
        store::resolve(txn, e.id, caller.id, &resolution, now).await
    })
    .await?;
    if !closed {
        return Err(RequestError::NotNow {
            message: format!("entry {} has no open \"not received\" to close", e.id),
            action: false,
        });
    }
    read(state, r.id, true).await
}

/// The "not received" still open: an official's department's, or all for supervisors.
pub async fn missing(
    state: &AppState,
    caller: &Actor,
) -> Result<Vec<MissingReceipt>, RequestError> {
    let department = match caller.role {
        Role::Supervisor => None,
        Role::Official => caller.department,
        _ => return Err(Error::Forbidden("for officials and supervisors").into()),
    };
    let mut items = Vec::new();
    for m in store::open_missing(&state.db, department).await? {
        let Some(e) = store::entry(&state.db, m.entry_id).await? else {
            continue;
        };
        let Some(r) = crate::store::requests::find(&state.db, m.request_id).await? else {
            continue;
        };
        // An official sees their jurisdictions' only, as with the requests.
        if caller.role == Role::Official
            && !r
                .jurisdiction
                .is_some_and(|j| caller.jurisdictions.contains(&j))
        {
            continue;
        }
        items.push(MissingReceipt {
            request_id: i64::from(r.id),
            number: r.number,
            entry_id: i64::from(e.id),
            kind: e.kind,
            amount_fen: e.amount_fen,
            department: m.department,
            jurisdiction: m.jurisdiction,
            answered_at: m.answered_at,
            note: m.note,
        });
    }
    Ok(items)
}
