//! The ledger's entries: only ever added, read per request, summed by department and county.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ExprTrait;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
};
use shared::account::Role;
use shared::answers::JurisdictionId;
use shared::application::ledger::{EntryKind, Posted};
use shared::catalog::DepartmentId;

use super::entities::{
    ledger_entry as entry, ledger_receipt as receipt, ledger_reminder as reminder,
};
use super::{WriteError, parse_department, parse_wire, write_error};

/// An entry as the services see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRecord {
    pub id: i32,
    pub request_id: i32,
    pub kind: EntryKind,
    pub amount_fen: i64,
    pub on: NaiveDate,
    pub month: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub reverses: Option<i32>,
    /// The kind of the entry reversed.
    pub reverses_kind: Option<EntryKind>,
    pub department: DepartmentId,
    pub jurisdiction: Option<JurisdictionId>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: i32,
    pub recorded_role: Role,
    pub idempotency_key: String,
}

impl EntryRecord {
    /// The entry as the balance reads it.
    pub fn posted(&self) -> Posted {
        Posted {
            id: i64::from(self.id),
            kind: self.kind,
            amount_fen: self.amount_fen,
            reverses: self.reverses.map(i64::from),
        }
    }
}

fn record(m: entry::Model) -> Result<EntryRecord, DbErr> {
    Ok(EntryRecord {
        id: m.id,
        request_id: m.request_id,
        kind: parse_wire(EntryKind::ALL, EntryKind::as_str, &m.kind)?,
        amount_fen: m.amount_fen,
        on: m.happened_on,
        month: m.month,
        due_on: m.due_on,
        reference: m.reference,
        note: m.note,
        reverses: m.reverses,
        reverses_kind: m
            .reverses_kind
            .map(|k| parse_wire(EntryKind::ALL, EntryKind::as_str, &k))
            .transpose()?,
        department: parse_department(&m.department)?,
        jurisdiction: super::parse_jurisdiction(m.jurisdiction.as_deref())?,
        recorded_at: m.recorded_at,
        recorded_by: m.recorded_by,
        recorded_role: parse_wire(Role::ALL, Role::as_str, &m.recorded_role)?,
        idempotency_key: m.idempotency_key,
    })
}

/// An entry to write.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub request_id: i32,
    pub kind: EntryKind,
    pub amount_fen: i64,
    pub on: NaiveDate,
    pub month: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub reference: Option<String>,
    pub note: Option<String>,
    /// The entry reversed, and its kind.
    pub reverses: Option<(i32, EntryKind)>,
    pub department: DepartmentId,
    pub jurisdiction: Option<JurisdictionId>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: i32,
    pub recorded_role: Role,
    pub idempotency_key: String,
}

/// Adds an entry; `Taken` when its key was used for the request already, or the entry it
/// reverses was reversed already.
pub async fn insert(txn: &DatabaseTransaction, e: NewEntry) -> Result<i32, WriteError> {
    let inserted = entry::Entity::insert(entry::ActiveModel {
        request_id: Set(e.request_id),
        kind: Set(e.kind.as_str().into()),
        amount_fen: Set(e.amount_fen),
        happened_on: Set(e.on),
        month: Set(e.month),
        due_on: Set(e.due_on),
        reference: Set(e.reference),
        note: Set(e.note),
        reverses: Set(e.reverses.map(|(id, _)| id)),
        reverses_kind: Set(e.reverses.map(|(_, k)| k.as_str().into())),
        department: Set(e.department.as_str().into()),
        jurisdiction: Set(e.jurisdiction.map(|j| j.as_str().into())),
        recorded_at: Set(e.recorded_at),
        recorded_by: Set(e.recorded_by),
        recorded_role: Set(e.recorded_role.as_str().into()),
        idempotency_key: Set(e.idempotency_key),
        ..Default::default()
    })
    .exec(txn)
    .await
    .map_err(write_error)?;
    Ok(inserted.last_insert_id)
}

/// A request's entries, in the order written.
pub async fn for_request(
    db: &impl ConnectionTrait,
    request_id: i32,
) -> Result<Vec<EntryRecord>, DbErr> {
    entry::Entity::find()
        .filter(entry::Column::RequestId.eq(request_id))
        .order_by_asc(entry::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(record)
        .collect()
}

/// One group of the summary: the entries of one kind (and, for reversals, of the kind
/// reversed) of the requests one department decided in one county.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub department: DepartmentId,
    pub jurisdiction: Option<JurisdictionId>,
    pub kind: EntryKind,
    pub reverses_kind: Option<EntryKind>,
    pub amount_fen: i64,
}

#[derive(Debug, FromQueryResult)]
struct GroupRow {
    department: String,
    jurisdiction: Option<String>,
    kind: String,
    reverses_kind: Option<String>,
    amount_fen: i64,
}

#[derive(Debug, FromQueryResult)]
struct CountRow {
    department: String,
    jurisdiction: Option<String>,
    requests: i64,
}

/// The sums of every entry, by department, county, kind and kind reversed; and the requests
/// with entries, by department and county (a request's entries are all of one department,
/// the one that decided it, and of its county).
pub async fn summary(
    db: &impl ConnectionTrait,
) -> Result<(Vec<Group>, Vec<(DepartmentId, Option<JurisdictionId>, u64)>), DbErr> {
    let groups = entry::Entity::find()
        .select_only()
        .column(entry::Column::Department)
        .column(entry::Column::Jurisdiction)
        .column(entry::Column::Kind)
        .column(entry::Column::ReversesKind)
        .column_as(
            Expr::col(entry::Column::AmountFen).sum().cast_as("BIGINT"),
            "amount_fen",
        )
        .group_by(entry::Column::Department)
        .group_by(entry::Column::Jurisdiction)
        .group_by(entry::Column::Kind)
        .group_by(entry::Column::ReversesKind)
        .into_model::<GroupRow>()
        .all(db)
        .await?
        .into_iter()
        .map(|g| {
            Ok(Group {
                department: parse_department(&g.department)?,
                jurisdiction: super::parse_jurisdiction(g.jurisdiction.as_deref())?,
                kind: parse_wire(EntryKind::ALL, EntryKind::as_str, &g.kind)?,
                reverses_kind: g
                    .reverses_kind
                    .map(|k| parse_wire(EntryKind::ALL, EntryKind::as_str, &k))
                    .transpose()?,
                amount_fen: g.amount_fen,
            })
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    let counts = entry::Entity::find()
        .select_only()
        .column(entry::Column::Department)
        .column(entry::Column::Jurisdiction)
        .column_as(
            Expr::col(entry::Column::RequestId).count_distinct(),
            "requests",
        )
        .group_by(entry::Column::Department)
        .group_by(entry::Column::Jurisdiction)
        .into_model::<CountRow>()
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            Ok((
                parse_department(&c.department)?,
                super::parse_jurisdiction(c.jurisdiction.as_deref())?,
                u64::try_from(c.requests).unwrap_or(0),
            ))
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    Ok((groups, counts))
}

/// The owner's answer about one refund or payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    pub id: i32,
    pub request_id: i32,
    pub entry_id: i32,
    pub received: bool,
    pub note: Option<String>,
    pub answered_at: DateTime<Utc>,
    pub department: DepartmentId,
    pub jurisdiction: Option<JurisdictionId>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolution: Option<String>,
}

fn receipt_record(m: receipt::Model) -> Result<ReceiptRecord, DbErr> {
    Ok(ReceiptRecord {
        id: m.id,
        request_id: m.request_id,
        entry_id: m.entry_id,
        received: m.received,
        note: m.note,
        answered_at: m.answered_at,
        department: parse_department(&m.department)?,
        jurisdiction: super::parse_jurisdiction(m.jurisdiction.as_deref())?,
        resolved_at: m.resolved_at,
        resolution: m.resolution,
    })
}

/// An owner's answer to write.
#[derive(Debug, Clone)]
pub struct NewReceipt {
    pub request_id: i32,
    pub entry_id: i32,
    pub received: bool,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
    pub owner_id: i32,
    pub department: DepartmentId,
    pub jurisdiction: Option<JurisdictionId>,
}

/// Records the owner's answer; `Taken` when the entry was answered already.
pub async fn insert_receipt(txn: &DatabaseTransaction, r: NewReceipt) -> Result<(), WriteError> {
    receipt::Entity::insert(receipt::ActiveModel {
        request_id: Set(r.request_id),
        entry_id: Set(r.entry_id),
        received: Set(r.received),
        note: Set(r.note),
        answered_at: Set(r.at),
        owner_id: Set(r.owner_id),
        department: Set(r.department.as_str().into()),
        jurisdiction: Set(r.jurisdiction.map(|j| j.as_str().into())),
        resolved_at: Set(None),
        resolved_by: Set(None),
        resolution: Set(None),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await
    .map_err(write_error)?;
    Ok(())
}

/// A request's answers, by entry.
pub async fn receipts_for_request(
    db: &impl ConnectionTrait,
    request_id: i32,
) -> Result<Vec<ReceiptRecord>, DbErr> {
    receipt::Entity::find()
        .filter(receipt::Column::RequestId.eq(request_id))
        .order_by_asc(receipt::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(receipt_record)
        .collect()
}

/// Closes the open "not received" of an entry with what the department found; `false` when
/// there is none open.
pub async fn resolve(
    txn: &DatabaseTransaction,
    entry_id: i32,
    by: i32,
    resolution: &str,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = receipt::Entity::update_many()
        .col_expr(receipt::Column::ResolvedAt, Expr::value(at))
        .col_expr(receipt::Column::ResolvedBy, Expr::value(by))
        .col_expr(receipt::Column::Resolution, Expr::value(resolution))
        .filter(receipt::Column::EntryId.eq(entry_id))
        .filter(receipt::Column::Received.eq(false))
        .filter(receipt::Column::ResolvedAt.is_null())
        .exec(txn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// The "not received" no department has closed, oldest first: of one department, or all.
pub async fn open_missing(
    db: &impl ConnectionTrait,
    department: Option<DepartmentId>,
) -> Result<Vec<ReceiptRecord>, DbErr> {
    let mut q = receipt::Entity::find()
        .filter(receipt::Column::Received.eq(false))
        .filter(receipt::Column::ResolvedAt.is_null());
    if let Some(d) = department {
        q = q.filter(receipt::Column::Department.eq(d.as_str()));
    }
    q.order_by_asc(receipt::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(receipt_record)
        .collect()
}

/// One entry by id.
pub async fn entry(db: &impl ConnectionTrait, id: i32) -> Result<Option<EntryRecord>, DbErr> {
    entry::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(record)
        .transpose()
}

/// The requests with bills deferred to a day from `from` to `to`, with that day.
pub async fn deferrals_due(
    db: &impl ConnectionTrait,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(i32, NaiveDate)>, DbErr> {
    entry::Entity::find()
        .select_only()
        .column(entry::Column::RequestId)
        .column(entry::Column::DueOn)
        .distinct()
        .filter(entry::Column::Kind.eq(EntryKind::Deferred.as_str()))
        .filter(entry::Column::DueOn.gte(from))
        .filter(entry::Column::DueOn.lte(to))
        .order_by_asc(entry::Column::RequestId)
        .into_tuple::<(i32, Option<NaiveDate>)>()
        .all(db)
        .await
        .map(|rows| {
            rows.into_iter()
                .filter_map(|(id, due)| due.map(|d| (id, d)))
                .collect()
        })
}

/// Claims the reminder of a request's settle-by day at a threshold: `false` when it was
/// claimed before (by this process before a restart, or by another).
pub async fn claim_reminder(
    txn: &DatabaseTransaction,
    request_id: i32,
    due_on: NaiveDate,
    days_before: u32,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let claimed = reminder::Entity::insert(reminder::ActiveModel {
        request_id: Set(request_id),
        due_on: Set(due_on),
        days_before: Set(i32::try_from(days_before).unwrap_or(i32::MAX)),
        sent_at: Set(at),
        ..Default::default()
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::columns([
            reminder::Column::RequestId,
            reminder::Column::DueOn,
            reminder::Column::DaysBefore,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(claimed == 1)
}

/// Claims a request's reminder on a utility's cycle for a month: `false` when it was
/// claimed before.
pub async fn claim_cycle_reminder(
    txn: &DatabaseTransaction,
    request_id: i32,
    month: &str,
    utility: &str,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use super::entities::cycle_reminder;
    let claimed = cycle_reminder::Entity::insert(cycle_reminder::ActiveModel {
        request_id: Set(request_id),
        month: Set(month.into()),
        utility: Set(utility.into()),
        sent_at: Set(at),
        ..Default::default()
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::columns([
            cycle_reminder::Column::RequestId,
            cycle_reminder::Column::Month,
            cycle_reminder::Column::Utility,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(claimed == 1)
}

/// An entry as the exported 台账 lists it: with its request's number and business.
#[derive(Debug, Clone)]
pub struct ExportRow {
    pub entry: EntryRecord,
    pub number: String,
    pub business_name: String,
}

/// The entries that happened from `from` to `to` (inclusive, when given), of one department
/// in some jurisdictions or of all, in the order written.
pub async fn for_export(
    db: &impl ConnectionTrait,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    scope: Option<(DepartmentId, &[JurisdictionId])>,
    limit: u64,
) -> Result<Vec<ExportRow>, DbErr> {
    use super::entities::{business, request};
    let mut q = entry::Entity::find();
    if let Some(from) = from {
        q = q.filter(entry::Column::HappenedOn.gte(from));
    }
    if let Some(to) = to {
        q = q.filter(entry::Column::HappenedOn.lte(to));
    }
    if let Some((department, jurisdictions)) = scope {
        q = q
            .filter(entry::Column::Department.eq(department.as_str()))
            .filter(
                entry::Column::Jurisdiction
                    .is_in(jurisdictions.iter().map(|j| j.as_str()).collect::<Vec<_>>()),
            );
    }
    let entries = q
        .order_by_asc(entry::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(record)
        .collect::<Result<Vec<_>, DbErr>>()?;
    let ids: Vec<i32> = entries.iter().map(|e| e.request_id).collect();
    let requests: Vec<(i32, Option<String>, i32)> = request::Entity::find()
        .select_only()
        .column(request::Column::Id)
        .column(request::Column::Number)
        .column(request::Column::OwnerId)
        .filter(request::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    let owners: Vec<i32> = requests.iter().map(|(_, _, o)| *o).collect();
    let names: Vec<(i32, String)> = business::Entity::find()
        .select_only()
        .column(business::Column::UserId)
        .column(business::Column::BusinessName)
        .filter(business::Column::UserId.is_in(owners))
        .into_tuple()
        .all(db)
        .await?;
    Ok(entries
        .into_iter()
        .map(|entry| {
            let (number, owner) = requests
                .iter()
                .find(|(id, _, _)| *id == entry.request_id)
                .map(|(_, n, o)| (n.clone().unwrap_or_default(), *o))
                .unwrap_or_default();
            let business_name = names
                .iter()
                .find(|(u, _)| *u == owner)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            ExportRow {
                entry,
                number,
                business_name,
            }
        })
        .collect())
}
