//! The officials' desk: the queue of requests with its filters, keyset pages and counts.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use sea_orm::sea_query::{Alias, Cond, Expr, ExprTrait, JoinType, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use shared::answers::JurisdictionId;
use shared::api::desk::QueueFilter;
use shared::application::{ApplicationKind, RequestState};
use shared::catalog::{DepartmentId, MeasureId};

use super::entities::{business, request, request_department, user};
use super::parse_wire;

/// Which requests a caller may see on the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Supervisors and administrators.
    All,
    /// An official: routed to the department, in one of the jurisdictions.
    Routed {
        department: DepartmentId,
        jurisdictions: Vec<JurisdictionId>,
    },
}

/// Where a page starts: after this (filed at, id), in descending order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct After {
    pub at: DateTime<Utc>,
    pub id: i32,
}

/// A line of the queue, unmasked (the service masks it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub id: i32,
    pub number: String,
    pub owner_id: i32,
    pub status: RequestState,
    pub version: i32,
    pub measure: MeasureId,
    pub kind: ApplicationKind,
    pub jurisdiction: Option<JurisdictionId>,
    pub business_name: String,
    pub credit_code: String,
    pub phone: String,
    pub grant: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub due_on: NaiveDate,
}

fn col(c: request::Column) -> (request::Entity, request::Column) {
    (request::Entity, c)
}

fn start_of(d: NaiveDate) -> DateTime<Utc> {
    d.and_time(NaiveTime::MIN).and_utc()
}

/// The open states, as stored.
fn open_states() -> Vec<&'static str> {
    RequestState::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| s.as_str())
        .collect()
}

/// The visibility rule and every filter but the status.
fn condition(scope: &Scope, f: &QueueFilter, today: NaiveDate) -> Cond {
    let mut cond = Cond::all();
    if let Scope::Routed { jurisdictions, .. } = scope {
        // The department through the join of `routed` (every select with this condition
        // makes it); the jurisdictions here.
        cond = cond.add(
            Expr::col(col(request::Column::Jurisdiction))
                .is_in(jurisdictions.iter().map(|j| j.as_str())),
        );
    }
    if let Some(k) = f.kind {
        cond = cond.add(Expr::col(col(request::Column::Kind)).eq(k.as_str()));
    }
    if let Some(m) = f.measure {
        cond = cond.add(Expr::col(col(request::Column::Measure)).eq(m.as_str()));
    }
    if let Some(j) = f.jurisdiction {
        cond = cond.add(Expr::col(col(request::Column::Jurisdiction)).eq(j.as_str()));
    }
    if let Some(from) = f.from {
        cond = cond.add(Expr::col(col(request::Column::CreatedAt)).gte(start_of(from)));
    }
    if let Some(to) = f.to {
        let end = start_of(to) + Duration::days(1);
        cond = cond.add(Expr::col(col(request::Column::CreatedAt)).lt(end));
    }
    if let Some(overdue) = f.overdue {
        let late = Cond::all()
            .add(Expr::col(col(request::Column::Status)).is_in(open_states()))
            .add(Expr::col(col(request::Column::DueOn)).lt(today));
        cond = cond.add(if overdue { late } else { late.not() });
    }
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let escaped: String = q
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let pattern = format!("%{escaped}%");
        let like =
            |c: Expr| c.like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'));
        // The owners' names and codes through a subquery, evaluated once: neither the page
        // nor the counts join the owners' tables to search.
        let owners = Query::select()
            .column(business::Column::UserId)
            .from(business::Entity)
            .cond_where(
                Cond::any()
                    .add(like(Expr::col(business::Column::BusinessName)))
                    .add(like(Expr::col(business::Column::CreditCode))),
            )
            .to_owned();
        cond = cond.add(
            Cond::any()
                .add(like(Expr::col(col(request::Column::Number))))
                .add(Expr::col(col(request::Column::OwnerId)).in_subquery(owners)),
        );
    }
    cond
}

/// Joins a department's routing to a select from `requests` (at most one row per request:
/// a request is routed to a department once). A join, not `id IN (subquery)`: SQLite then
/// walks the department's rows in the covering index `request_departments_department_request`
/// instead of reading every request of the jurisdictions.
fn routed(select: &mut SelectStatement, scope: &Scope) {
    if let Scope::Routed { department, .. } = scope {
        select.join(
            JoinType::InnerJoin,
            request_department::Entity,
            Cond::all()
                .add(
                    Expr::col((
                        request_department::Entity,
                        request_department::Column::RequestId,
                    ))
                    .equals(col(request::Column::Id)),
                )
                .add(
                    Expr::col((
                        request_department::Entity,
                        request_department::Column::DepartmentId,
                    ))
                    .eq(department.as_str()),
                ),
        );
    }
}

fn from_requests() -> SelectStatement {
    Query::select()
        .from(request::Entity)
        .join(
            JoinType::LeftJoin,
            business::Entity,
            Expr::col((business::Entity, business::Column::UserId))
                .equals(col(request::Column::OwnerId)),
        )
        .join(
            JoinType::LeftJoin,
            user::Entity,
            Expr::col((user::Entity, user::Column::Id)).equals(col(request::Column::OwnerId)),
        )
        .to_owned()
}

fn row(r: &QueryResult) -> Result<QueueRow, DbErr> {
    let status: String = r.try_get("", "status")?;
    let measure: String = r.try_get("", "measure")?;
    let kind: String = r.try_get("", "kind")?;
    let jurisdiction: Option<String> = r.try_get("", "jurisdiction")?;
    Ok(QueueRow {
        id: r.try_get("", "id")?,
        number: r
            .try_get::<Option<String>>("", "number")?
            .unwrap_or_default(),
        owner_id: r.try_get("", "owner_id")?,
        status: parse_wire(RequestState::ALL, RequestState::as_str, &status)?,
        version: r.try_get("", "version")?,
        measure: parse_wire(MeasureId::ALL, MeasureId::as_str, &measure)?,
        kind: parse_wire(ApplicationKind::ALL, ApplicationKind::as_str, &kind)?,
        jurisdiction: jurisdiction
            .as_deref()
            .map(|j| parse_wire(JurisdictionId::ALL, JurisdictionId::as_str, j))
            .transpose()?,
        business_name: r
            .try_get::<Option<String>>("", "business_name")?
            .unwrap_or_default(),
        credit_code: r
            .try_get::<Option<String>>("", "credit_code")?
            .unwrap_or_default(),
        phone: r
            .try_get::<Option<String>>("", "phone")?
            .unwrap_or_default(),
        grant: r.try_get("", "grant")?,
        created_at: r.try_get("", "created_at")?,
        updated_at: r.try_get("", "updated_at")?,
        due_on: r.try_get("", "due_on")?,
    })
}

/// One page of the queue, newest filed first, after `after`; `limit` rows at most.
pub async fn page(
    db: &impl ConnectionTrait,
    scope: &Scope,
    filter: &QueueFilter,
    today: NaiveDate,
    after: Option<After>,
    limit: Option<u64>,
) -> Result<Vec<QueueRow>, DbErr> {
    let mut cond = condition(scope, filter, today);
    if let Some(s) = filter.status {
        cond = cond.add(Expr::col(col(request::Column::Status)).eq(s.as_str()));
    }
    if let Some(a) = after {
        cond = cond.add(
            Cond::any()
                .add(Expr::col(col(request::Column::CreatedAt)).lt(a.at))
                .add(
                    Cond::all()
                        .add(Expr::col(col(request::Column::CreatedAt)).eq(a.at))
                        .add(Expr::col(col(request::Column::Id)).lt(a.id)),
                ),
        );
    }
    // A page: its ids first, without the owners' tables, then its rows joined by id (the
    // joins for a page's rows only, not for every request the filters leave before sorting).
    let page_ids = match limit {
        Some(limit) if limit <= PAGE_BY_IDS => {
            let mut ids = Query::select()
                .column(col(request::Column::Id))
                .from(request::Entity)
                .to_owned();
            routed(&mut ids, scope);
            let ids = ids
                .cond_where(cond.clone())
                .order_by(col(request::Column::CreatedAt), Order::Desc)
                .order_by(col(request::Column::Id), Order::Desc)
                .limit(limit)
                .to_owned();
            let ids = db
                .query_all(&ids)
                .await?
                .iter()
                .map(|r| r.try_get::<i32>("", "id"))
                .collect::<Result<Vec<i32>, DbErr>>()?;
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            cond = Cond::all().add(Expr::col(col(request::Column::Id)).is_in(ids.clone()));
            Some(ids)
        }
        _ => None,
    };
    let mut select = from_requests();
    if page_ids.is_none() {
        routed(&mut select, scope);
    }
    select
        .columns([
            col(request::Column::Id),
            col(request::Column::Number),
            col(request::Column::OwnerId),
            col(request::Column::Status),
            col(request::Column::Version),
            col(request::Column::Measure),
            col(request::Column::Kind),
            col(request::Column::Jurisdiction),
            col(request::Column::Grant),
            col(request::Column::CreatedAt),
            col(request::Column::UpdatedAt),
            col(request::Column::DueOn),
        ])
        .column((business::Entity, business::Column::BusinessName))
        .column((business::Entity, business::Column::CreditCode))
        .column((user::Entity, user::Column::Phone))
        .cond_where(cond)
        .order_by(col(request::Column::CreatedAt), Order::Desc)
        .order_by(col(request::Column::Id), Order::Desc);
    if let (Some(limit), None) = (limit, &page_ids) {
        select.limit(limit);
    }
    db.query_all(&select).await?.iter().map(row).collect()
}

/// Pages up to this many rows are read ids first.
const PAGE_BY_IDS: u64 = 1000;

/// Requests per status for the filters (the status filter aside).
pub async fn counts(
    db: &impl ConnectionTrait,
    scope: &Scope,
    filter: &QueueFilter,
    today: NaiveDate,
) -> Result<Vec<(RequestState, u64)>, DbErr> {
    // The owners' tables are searched through a subquery: counting never joins them.
    let mut select = Query::select().from(request::Entity).to_owned();
    routed(&mut select, scope);
    select
        .column(col(request::Column::Status))
        .expr_as(Expr::col(col(request::Column::Id)).count(), Alias::new("n"))
        .cond_where(condition(scope, filter, today))
        .group_by_col(col(request::Column::Status));
    db.query_all(&select)
        .await?
        .iter()
        .map(|r| {
            let status: String = r.try_get("", "status")?;
            let n: i64 = r.try_get("", "n")?;
            Ok((
                parse_wire(RequestState::ALL, RequestState::as_str, &status)?,
                u64::try_from(n).unwrap_or(0),
            ))
        })
        .collect()
}

/// The departments each request is routed to, sorted.
pub async fn departments_of(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<std::collections::HashMap<i32, Vec<DepartmentId>>, DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut out: std::collections::HashMap<i32, Vec<DepartmentId>> = Default::default();
    // In chunks: a database takes a bounded number of parameters.
    for chunk in ids.chunks(500) {
        for d in request_department::Entity::find()
            .filter(request_department::Column::RequestId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            out.entry(d.request_id).or_default().push(parse_wire(
                DepartmentId::ALL,
                DepartmentId::as_str,
                &d.department_id,
            )?);
        }
    }
    for ds in out.values_mut() {
        ds.sort();
    }
    Ok(out)
}
