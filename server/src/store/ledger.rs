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

use super::entities::ledger_entry as entry;
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
    pub department: DepartmentId,
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
        department: parse_department(&m.department)?,
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

fn jurisdiction(s: Option<&str>) -> Result<Option<JurisdictionId>, DbErr> {
    s.map(|j| parse_wire(JurisdictionId::ALL, JurisdictionId::as_str, j))
        .transpose()
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
                jurisdiction: jurisdiction(g.jurisdiction.as_deref())?,
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
                jurisdiction(c.jurisdiction.as_deref())?,
                u64::try_from(c.requests).unwrap_or(0),
            ))
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    Ok((groups, counts))
}
