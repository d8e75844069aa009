//! The officials' desk: the queue of requests with its filters, keyset pages and counts.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Cond, Expr, ExprTrait, JoinType, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use shared::answers::JurisdictionId;
use shared::api::desk::{QueueFilter, QueueSort};
use shared::application::{ApplicationKind, RequestState};
use shared::catalog::{DepartmentId, MeasureId};

use super::entities::{business, request, request_department, request_event, user};
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

/// Where a page starts: after this row of the previous page, in the page's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// Filed at, id: the filing orders ([`QueueSort::Newest`], [`QueueSort::Oldest`]).
    Filed { at: DateTime<Utc>, id: i32 },
    /// An open request in [`QueueSort::Due`]: its group (waiting for the department or for
    /// the owner), its last day, id.
    Open {
        waiting: bool,
        due: NaiveDate,
        id: i32,
    },
    /// A closed request in [`QueueSort::Due`]: when it was closed, id.
    Closed { at: DateTime<Utc>, id: i32 },
}

impl After {
    /// The start of the page after `row`, in `sort`'s order.
    pub fn row(row: &QueueRow, sort: QueueSort) -> After {
        match (sort, group_of(row.status)) {
            (QueueSort::Newest | QueueSort::Oldest, _) => After::Filed {
                at: row.created_at,
                id: row.id,
            },
            (QueueSort::Due, Group::Closed) => After::Closed {
                at: row.updated_at,
                id: row.id,
            },
            (QueueSort::Due, group) => After::Open {
                waiting: group == Group::Waiting,
                due: row.due_on,
                id: row.id,
            },
        }
    }

    /// Whether this start belongs to `sort`'s order (a cursor from another order is not).
    pub fn fits(self, sort: QueueSort) -> bool {
        matches!(
            (self, sort),
            (After::Filed { .. }, QueueSort::Newest | QueueSort::Oldest)
                | (After::Open { .. } | After::Closed { .. }, QueueSort::Due)
        )
    }
}

/// The groups of [`QueueSort::Due`], in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    /// Waiting for the department (submitted, in review).
    Running = 0,
    /// Waiting for the owner (the time limit stands still).
    Waiting = 1,
    Closed = 2,
}

fn group_of(status: RequestState) -> Group {
    if status.awaits_department() {
        Group::Running
    } else if status.is_open() {
        Group::Waiting
    } else {
        Group::Closed
    }
}

/// The states of a [`Group`], as stored.
fn states_in(group: Group) -> Vec<&'static str> {
    RequestState::ALL
        .iter()
        .filter(|s| group_of(**s) == group)
        .map(|s| s.as_str())
        .collect()
}

/// The open states (the domain's rule: [`RequestState::is_open`]), as stored.
fn open_states() -> Vec<&'static str> {
    RequestState::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| s.as_str())
        .collect()
}

/// A request's [`Group`] in SQL.
fn group_expr() -> Expr {
    let status = || Expr::col(col(request::Column::Status));
    Expr::case(
        status().is_in(states_in(Group::Running)),
        Group::Running as i32,
    )
    .case(
        status().is_in(states_in(Group::Waiting)),
        Group::Waiting as i32,
    )
    .finally(Group::Closed as i32)
    .into()
}

/// `column` for an open request, `NULL` for a closed one: the due order's keys.
fn when_open(column: request::Column) -> Expr {
    Expr::case(
        Expr::col(col(request::Column::Status)).is_in(open_states()),
        Expr::col(col(column)),
    )
    .into()
}

/// Orders `select` by `sort`, the id last so that the order is total.
fn order(select: &mut SelectStatement, sort: QueueSort) {
    match sort {
        QueueSort::Newest => {
            select
                .order_by(col(request::Column::CreatedAt), Order::Desc)
                .order_by(col(request::Column::Id), Order::Desc);
        }
        QueueSort::Oldest => {
            select
                .order_by(col(request::Column::CreatedAt), Order::Asc)
                .order_by(col(request::Column::Id), Order::Asc);
        }
        QueueSort::Due => {
            // Open: by the last day, then id; closed (both keys NULL): the latest closed first.
            select
                .order_by_expr(group_expr(), Order::Asc)
                .order_by_expr(when_open(request::Column::DueOn), Order::Asc)
                .order_by_expr(when_open(request::Column::Id), Order::Asc)
                .order_by(col(request::Column::UpdatedAt), Order::Desc)
                .order_by(col(request::Column::Id), Order::Desc);
        }
    }
}

/// The rows past (`key` = `value`, `id` = `last`) in that order, ascending or descending:
/// a keyset page's start.
fn past<V>(key: request::Column, value: V, last: i32, descending: bool) -> Cond
where
    V: Into<sea_orm::Value> + Clone,
{
    let c = |column: request::Column| Expr::col(col(column));
    let (beyond, beyond_id) = if descending {
        (c(key).lt(value.clone()), c(request::Column::Id).lt(last))
    } else {
        (c(key).gt(value.clone()), c(request::Column::Id).gt(last))
    };
    Cond::any()
        .add(beyond)
        .add(Cond::all().add(c(key).eq(value)).add(beyond_id))
}

/// The rows after `after` in `sort`'s order.
fn after_cond(after: After, sort: QueueSort) -> Cond {
    match after {
        After::Filed { at, id } => past(
            request::Column::CreatedAt,
            at,
            id,
            sort != QueueSort::Oldest,
        ),
        After::Open { waiting, due, id } => {
            let group = if waiting {
                Group::Waiting
            } else {
                Group::Running
            } as i32;
            Cond::any().add(group_expr().gt(group)).add(
                Cond::all().add(group_expr().eq(group)).add(past(
                    request::Column::DueOn,
                    due,
                    id,
                    false,
                )),
            )
        }
        After::Closed { at, id } => Cond::all()
            .add(group_expr().eq(Group::Closed as i32))
            .add(past(request::Column::UpdatedAt, at, id, true)),
    }
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
    /// Since when the time limit stands still (the department waits on the owner).
    pub paused_on: Option<NaiveDate>,
    /// The department that leads it (牵头), where recorded.
    pub lead: Option<DepartmentId>,
}

fn col(c: request::Column) -> (request::Entity, request::Column) {
    (request::Entity, c)
}

/// Where a Beijing day begins: the filters' days are Beijing's.
fn start_of(d: NaiveDate) -> DateTime<Utc> {
    shared::application::beijing_day_start(d)
}

/// The most request ids or owner ids a search carries as a list of values; a search that
/// matches more is kept as a subquery (correct, slower: it is read for the page and again
/// for the counts). A county's name is in about a tenth of business names: 2,000 of 20,000
/// owners, each list read once instead of three scans of every name (both databases take
/// far more bound values than this).
const SEARCH_LIST_MAX: u64 = 5000;

/// A search box's text, resolved once per queue before the page and the counts are read:
/// each part that can match becomes a list of ids (indexed lookups), so neither query scans
/// the requests or joins the owners' tables to search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    /// Nothing matches.
    Nothing,
    /// A whole request number, looked up by its unique index.
    Number(String),
    /// The requests whose number holds the text, and the owners whose business name or
    /// credit code does.
    Matches {
        q: String,
        requests: Lists,
        owners: Lists,
    },
}

/// One part of a search: the ids, or the condition when there were too many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lists {
    /// This part cannot match (e.g. Chinese text in a request number).
    None,
    Ids(Vec<i32>),
    /// More than [`SEARCH_LIST_MAX`]: matched in the query itself.
    Many,
}

/// `BZ2022-000123`: the format of [`shared::application::request_number`].
fn is_whole_number(q: &str) -> bool {
    let b = q.as_bytes();
    b.len() == 13
        && b.starts_with(b"BZ")
        && b[2..6].iter().all(u8::is_ascii_digit)
        && b[6] == b'-'
        && b[7..].iter().all(u8::is_ascii_digit)
}

/// Whether the text can be part of a request number (letters B and Z, digits, dash).
fn may_be_in_a_number(q: &str) -> bool {
    q.bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'B' | b'Z' | b'-'))
}

fn like_pattern(q: &str) -> String {
    let escaped: String = q
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

fn like(c: Expr, pattern: &str) -> Cond {
    Cond::all().add(c.like(sea_orm::sea_query::LikeExpr::new(pattern).escape('\\')))
}

/// The owners whose business name holds `q`, or whose credit code is `q` in any letter case.
/// A code is matched whole only: a code shown masked (`916528**********43`) is not recovered
/// by searching its prefixes.
fn owners_of(q: &str) -> SelectStatement {
    Query::select()
        .column(business::Column::UserId)
        .from(business::Entity)
        .cond_where(
            Cond::any()
                .add(like(
                    Expr::col(business::Column::BusinessName),
                    &like_pattern(q),
                ))
                .add(Expr::col(business::Column::CreditCode).eq(q.trim().to_uppercase())),
        )
        .to_owned()
}

/// Reads at most [`SEARCH_LIST_MAX`] ids of `select` (its first column), or `Many` past that.
async fn ids_or_many(
    db: &impl ConnectionTrait,
    mut select: SelectStatement,
) -> Result<Lists, DbErr> {
    select.limit(SEARCH_LIST_MAX + 1);
    let ids = db
        .query_all(&select)
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<i32>(0))
        .collect::<Result<Vec<i32>, DbErr>>()?;
    Ok(if ids.len() as u64 > SEARCH_LIST_MAX {
        Lists::Many
    } else {
        Lists::Ids(ids)
    })
}

impl Search {
    /// Resolves the search box's text: part of a request number, business name or credit
    /// code (codes and numbers in any letter case).
    pub async fn resolve(db: &impl ConnectionTrait, q: &str) -> Result<Search, DbErr> {
        let upper = q.to_uppercase();
        if is_whole_number(&upper) {
            return Ok(Search::Number(upper));
        }
        let requests = if may_be_in_a_number(&upper) {
            let pattern = like_pattern(&upper);
            let select = Query::select()
                .column(request::Column::Id)
                .from(request::Entity)
                .cond_where(like(Expr::col(request::Column::Number), &pattern))
                .to_owned();
            ids_or_many(db, select).await?
        } else {
            Lists::None
        };
        let owners = ids_or_many(db, owners_of(q)).await?;
        let none = |l: &Lists| match l {
            Lists::None => true,
            Lists::Ids(ids) => ids.is_empty(),
            Lists::Many => false,
        };
        if none(&requests) && none(&owners) {
            return Ok(Search::Nothing);
        }
        Ok(Search::Matches {
            q: q.to_string(),
            requests,
            owners,
        })
    }

    fn condition(&self) -> Cond {
        match self {
            Search::Nothing => Cond::all().add(Expr::val(1).eq(0)),
            Search::Number(n) => {
                Cond::all().add(Expr::col(col(request::Column::Number)).eq(n.as_str()))
            }
            Search::Matches {
                q,
                requests,
                owners,
            } => {
                let mut any = Cond::any();
                match requests {
                    Lists::None => {}
                    Lists::Ids(ids) => {
                        any = any.add(Expr::col(col(request::Column::Id)).is_in(ids.clone()));
                    }
                    Lists::Many => {
                        let pattern = like_pattern(&q.to_uppercase());
                        any = any.add(like(Expr::col(col(request::Column::Number)), &pattern));
                    }
                }
                match owners {
                    Lists::None => {}
                    Lists::Ids(ids) => {
                        any = any.add(Expr::col(col(request::Column::OwnerId)).is_in(ids.clone()));
                    }
                    Lists::Many => {
                        any = any.add(
                            Expr::col(col(request::Column::OwnerId)).in_subquery(owners_of(q)),
                        );
                    }
                }
                any
            }
        }
    }
}

/// What a queue reads: who asks, the filters, the day deadlines are judged on, and the
/// search resolved once for the page and the counts.
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    pub scope: &'a Scope,
    pub filter: &'a QueueFilter,
    pub today: NaiveDate,
    search: Option<Search>,
}

impl<'a> Selection<'a> {
    pub async fn new(
        db: &impl ConnectionTrait,
        scope: &'a Scope,
        filter: &'a QueueFilter,
        today: NaiveDate,
    ) -> Result<Selection<'a>, DbErr> {
        let search = match filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            Some(q) => Some(Search::resolve(db, q).await?),
            None => None,
        };
        Ok(Selection {
            scope,
            filter,
            today,
            search,
        })
    }

    fn condition(&self) -> Cond {
        condition(self.scope, self.filter, self.today, self.search.as_ref())
    }
}

/// The visibility rule and every filter but the status.
fn condition(scope: &Scope, f: &QueueFilter, today: NaiveDate, search: Option<&Search>) -> Cond {
    let mut cond = Cond::all();
    if let Scope::Routed { jurisdictions, .. } = scope {
        // The department through the join of `routed` (every select with this condition
        // makes it); the jurisdictions here.
        cond = cond.add(
            Expr::col(col(request::Column::Jurisdiction))
                .is_in(jurisdictions.iter().map(|j| j.as_str())),
        );
    }
    if let (Scope::Routed { department, .. }, Some(asked)) = (scope, f.department)
        && asked != *department
    {
        // Another department's requests: none an official may see.
        cond = cond.add(Expr::val(1).eq(0));
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
        // Past its last day and running; or waiting on the owner (the time limit stands
        // still) when it was already past it on the day the department asked.
        let running = [RequestState::Submitted, RequestState::InReview].map(|s| s.as_str());
        let mut late = Cond::any()
            .add(
                Cond::all()
                    .add(Expr::col(col(request::Column::Status)).is_in(running))
                    .add(Expr::col(col(request::Column::DueOn)).lt(today)),
            )
            .add(
                Cond::all()
                    .add(
                        Expr::col(col(request::Column::Status))
                            .eq(RequestState::NeedsInfo.as_str()),
                    )
                    .add(Expr::col(col(request::Column::PausedOn)).is_not_null())
                    .add(
                        Expr::col(col(request::Column::DueOn))
                            .lt(Expr::col(col(request::Column::PausedOn))),
                    ),
            );
        if let Scope::Routed { department, .. } = scope {
            // A department that assists on a request another leads is not late for it.
            late = Cond::all().add(late).add(
                Cond::any()
                    .add(Expr::col(col(request::Column::LeadDepartment)).is_null())
                    .add(Expr::col(col(request::Column::LeadDepartment)).eq(department.as_str())),
            );
        }
        cond = cond.add(if overdue { late } else { late.not() });
    }
    if let Some(search) = search {
        cond = cond.add(search.condition());
    }
    cond
}

/// Joins a department's routing (the official's, or the one a supervisor filters by) to a
/// select from `requests` (at most one row per request:
/// a request is routed to a department once). A join, not `id IN (subquery)`: SQLite then
/// walks the department's rows in the covering index `request_departments_department_request`
/// instead of reading every request of the jurisdictions.
fn routed(select: &mut SelectStatement, scope: &Scope, filter: &QueueFilter) {
    routed_as(select, scope, filter, JoinType::InnerJoin);
}

/// [`routed`] with the join's type: SQLite reads a `CROSS JOIN`'s tables in the order
/// written, so a page's ids are read walking the requests newest first (index
/// `requests_filed`) and stop at the page's end, instead of reading all of a department's
/// requests to sort them (PostgreSQL's planner needs no such hint: it gets `INNER JOIN`).
fn routed_as(select: &mut SelectStatement, scope: &Scope, filter: &QueueFilter, join: JoinType) {
    let Some(department) = department_of(scope, filter) else {
        return;
    };
    let on = routing(department, None);
    if join == JoinType::CrossJoin {
        // sea-query writes a cross join without `ON`: the condition goes in `WHERE`.
        select.cross_join(request_department::Entity).cond_where(on);
    } else {
        select.join(join, request_department::Entity, on);
    }
}

/// The department whose routing applies: the official's, or the one a supervisor filters by.
fn department_of<'a>(scope: &'a Scope, filter: &'a QueueFilter) -> Option<&'a DepartmentId> {
    match scope {
        Scope::Routed { department, .. } => Some(department),
        Scope::All => filter.department.as_ref(),
    }
}

/// A request routed to `department`. Where the routing rows are read first (the counts),
/// `rows` narrows them by what they carry of the filters: the request's state and
/// jurisdiction, copied there by the database (triggers), so SQLite reads only the matching
/// rows of `request_departments_department_state` instead of looking up each of the
/// department's requests. (A page walks the requests and probes their routing by its key.)
fn routing(department: &DepartmentId, rows: Option<(&Scope, &QueueFilter)>) -> Cond {
    let by_request = Expr::col((
        request_department::Entity,
        request_department::Column::RequestId,
    ))
    .equals(col(request::Column::Id));
    let row = match rows {
        Some((scope, filter)) => routing_row(department, scope, filter),
        None => Cond::all().add(
            Expr::col((
                request_department::Entity,
                request_department::Column::DepartmentId,
            ))
            .eq(department.as_str()),
        ),
    };
    Cond::all().add(by_request).add(row)
}

/// The routing rows of `department` that can match: the caller's jurisdictions, the one
/// asked for, and for an overdue queue the states a request can be late in.
fn routing_row(department: &DepartmentId, scope: &Scope, filter: &QueueFilter) -> Cond {
    let column = |c: request_department::Column| Expr::col((request_department::Entity, c));
    let mut cond =
        Cond::all().add(column(request_department::Column::DepartmentId).eq(department.as_str()));
    if let Scope::Routed { jurisdictions, .. } = scope {
        cond = cond.add(
            column(request_department::Column::Jurisdiction)
                .is_in(jurisdictions.iter().map(|j| j.as_str())),
        );
    }
    if let Some(j) = filter.jurisdiction {
        cond = cond.add(column(request_department::Column::Jurisdiction).eq(j.as_str()));
    }
    if filter.overdue == Some(true) {
        let late_in = [
            RequestState::Submitted,
            RequestState::InReview,
            RequestState::NeedsInfo,
        ];
        cond =
            cond.add(column(request_department::Column::Status).is_in(late_in.map(|s| s.as_str())));
    }
    cond
}

/// The counts read from the routing alone, when every filter is one its rows carry: a
/// department's requests per state (and an official's, in their jurisdictions).
fn counts_from_routing(selection: &Selection<'_>) -> Option<SelectStatement> {
    let (scope, f) = (selection.scope, selection.filter);
    let department = department_of(scope, f)?;
    let only_routing = selection.search.is_none()
        && f.kind.is_none()
        && f.measure.is_none()
        && f.from.is_none()
        && f.to.is_none()
        && f.overdue.is_none()
        && f.department.is_none_or(|asked| asked == *department);
    if !only_routing {
        return None;
    }
    let status = (
        request_department::Entity,
        request_department::Column::Status,
    );
    Some(
        Query::select()
            .from(request_department::Entity)
            .expr_as(Expr::col(status), Alias::new("status"))
            .expr_as(Expr::col(status).count(), Alias::new("n"))
            .cond_where(routing_row(department, scope, f))
            .group_by_col(status)
            .to_owned(),
    )
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
        measure: super::parse_measure(&measure)?,
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
        paused_on: r.try_get("", "paused_on")?,
        lead: r
            .try_get::<Option<String>>("", "lead_department")?
            .as_deref()
            .map(super::parse_department)
            .transpose()?,
    })
}

/// One page of the queue in the filter's order (newest filed first when it names none),
/// after `after`; `limit` rows at most.
pub async fn page(
    db: &impl ConnectionTrait,
    selection: &Selection<'_>,
    after: Option<After>,
    limit: Option<u64>,
) -> Result<Vec<QueueRow>, DbErr> {
    let (scope, filter) = (selection.scope, selection.filter);
    let mut cond = selection.condition();
    if let Some(s) = filter.status {
        cond = cond.add(Expr::col(col(request::Column::Status)).eq(s.as_str()));
    }
    let sort = filter.sort.unwrap_or(QueueSort::Newest);
    let unpaged = cond.clone();
    if let Some(a) = after {
        cond = cond.add(after_cond(a, sort));
    }
    // A page: its ids first, without the owners' tables, then its rows joined by id (the
    // joins for a page's rows only, not for every request the filters leave before sorting).
    let page_ids = match limit {
        Some(limit) if limit <= PAGE_BY_IDS => {
            // By the last day, walked state by state; but within a span of filing days the
            // requests are read by that span and sorted (walking every request's last day to
            // find a few filed in the span took 39 ms at 100,000).
            let walk = sort == QueueSort::Due && filter.from.is_none() && filter.to.is_none();
            let ids = if walk {
                due_page_ids(db, selection, &unpaged, after, limit).await?
            } else {
                let ids = page_ids_query(db.get_database_backend(), selection, &cond, limit);
                db.query_all(&ids)
                    .await?
                    .iter()
                    .map(|r| r.try_get::<i32>("", "id"))
                    .collect::<Result<Vec<i32>, DbErr>>()?
            };
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
        routed(&mut select, scope, filter);
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
            col(request::Column::PausedOn),
            col(request::Column::LeadDepartment),
        ])
        .column((business::Entity, business::Column::BusinessName))
        .column((business::Entity, business::Column::CreditCode))
        .column((user::Entity, user::Column::Phone))
        .cond_where(cond);
    order(&mut select, sort);
    if let (Some(limit), None) = (limit, &page_ids) {
        select.limit(limit);
    }
    db.query_all(&select).await?.iter().map(row).collect()
}

/// A request's place in [`QueueSort::Due`], as read for a page: its group, its key in the
/// group (an open one's last day, a closed one's closing instant) and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DueKey {
    Open(Group, NaiveDate, i32),
    Closed(DateTime<Utc>, i32),
}

impl DueKey {
    fn id(self) -> i32 {
        match self {
            DueKey::Open(_, _, id) | DueKey::Closed(_, id) => id,
        }
    }
}

impl Ord for DueKey {
    fn cmp(&self, other: &DueKey) -> std::cmp::Ordering {
        match (self, other) {
            (DueKey::Open(g, d, i), DueKey::Open(h, e, j)) => {
                (*g as u8, d, i).cmp(&(*h as u8, e, j))
            }
            (DueKey::Open(..), DueKey::Closed(..)) => std::cmp::Ordering::Less,
            (DueKey::Closed(..), DueKey::Open(..)) => std::cmp::Ordering::Greater,
            // The latest closed first.
            (DueKey::Closed(a, i), DueKey::Closed(b, j)) => (b, j).cmp(&(a, i)),
        }
    }
}

impl PartialOrd for DueKey {
    fn partial_cmp(&self, other: &DueKey) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The ids of a page in [`QueueSort::Due`]: one read per state, each walking that state's
/// requests in the group's order (index `requests_state_due` or `requests_state_closed`)
/// and stopping at the page's end, merged here; the states of a later group are read only
/// while the page is not full. (One query ordered by the group would sort every request
/// the filters leave: 45 ms at 100,000.)
async fn due_page_ids(
    db: &impl ConnectionTrait,
    selection: &Selection<'_>,
    cond: &Cond,
    after: Option<After>,
    limit: u64,
) -> Result<Vec<i32>, DbErr> {
    let states: Vec<RequestState> = match selection.filter.status {
        Some(s) => vec![s],
        None => RequestState::ALL.to_vec(),
    };
    let mut found: Vec<DueKey> = Vec::new();
    let wanted = usize::try_from(limit).unwrap_or(usize::MAX);
    for group in [Group::Running, Group::Waiting, Group::Closed] {
        // A full page from the groups before: this group's requests come after it.
        if found.len() >= wanted {
            break;
        }
        let start = match (after, group) {
            (Some(After::Open { waiting, .. }), _) if (group as u8) < u8::from(waiting) => continue,
            (Some(After::Closed { .. }), Group::Running | Group::Waiting) => continue,
            (Some(After::Open { waiting, due, id }), Group::Running | Group::Waiting)
                if u8::from(waiting) == group as u8 =>
            {
                Some(past(request::Column::DueOn, due, id, false))
            }
            (Some(After::Closed { at, id }), Group::Closed) => {
                Some(past(request::Column::UpdatedAt, at, id, true))
            }
            _ => None,
        };
        for &state in states.iter().filter(|s| group_of(**s) == group) {
            let q = due_state_query(selection, cond, state, start.as_ref(), limit);
            for r in db.query_all(&q).await? {
                let id: i32 = r.try_get("", "id")?;
                found.push(if group == Group::Closed {
                    DueKey::Closed(r.try_get("", "updated_at")?, id)
                } else {
                    DueKey::Open(group, r.try_get("", "due_on")?, id)
                });
            }
        }
    }
    found.sort_unstable();
    found.truncate(wanted);
    Ok(found.into_iter().map(DueKey::id).collect())
}

/// The ids and keys of `state`'s requests in [`QueueSort::Due`]'s order, from `start`,
/// `limit` at most: read by the state's index in order, no sort.
fn due_state_query(
    selection: &Selection<'_>,
    cond: &Cond,
    state: RequestState,
    start: Option<&Cond>,
    limit: u64,
) -> SelectStatement {
    let closed = group_of(state) == Group::Closed;
    let (key, order) = if closed {
        (request::Column::UpdatedAt, Order::Desc)
    } else {
        (request::Column::DueOn, Order::Asc)
    };
    let mut q = Query::select()
        .column(col(request::Column::Id))
        .column(col(key))
        .from(request::Entity)
        .to_owned();
    routed_as(
        &mut q,
        selection.scope,
        selection.filter,
        JoinType::InnerJoin,
    );
    q.cond_where(cond.clone())
        .and_where(Expr::col(col(request::Column::Status)).eq(state.as_str()));
    if let Some(start) = start {
        q.cond_where(start.clone());
    }
    q.order_by(col(key), order.clone())
        .order_by(col(request::Column::Id), order)
        .limit(limit)
        .to_owned()
}

/// The ids of a page, newest filed first (`cond`: the selection's condition with the status
/// and the page's start).
fn page_ids_query(
    backend: sea_orm::DbBackend,
    selection: &Selection<'_>,
    cond: &Cond,
    limit: u64,
) -> SelectStatement {
    // An official's overdue queue: the department's routing rows in the states a request can
    // be late in and in the official's jurisdictions first, each request looked up for its due
    // date, then sorted: as many rows as the official has open, whatever share of them is
    // late (walking all requests newest first reads most of them when few are late; the
    // overdue index reads every late request of every department and jurisdiction). A
    // supervisor's department has no jurisdictions to narrow it: its page walks newest first.
    if let (Scope::Routed { department, .. }, Some(true), sea_orm::DbBackend::Sqlite, None) = (
        selection.scope,
        selection.filter.overdue,
        backend,
        &selection.search,
    ) {
        let mut ids = Query::select()
            .column(col(request::Column::Id))
            .from(request_department::Entity)
            .cross_join(request::Entity)
            .cond_where(routing(
                department,
                Some((selection.scope, selection.filter)),
            ))
            .cond_where(cond.clone())
            .to_owned();
        order(&mut ids, selection.filter.sort.unwrap_or(QueueSort::Newest));
        return ids.limit(limit).to_owned();
    }
    let mut ids = Query::select()
        .column(col(request::Column::Id))
        .from(request::Entity)
        .to_owned();
    let sort = selection.filter.sort.unwrap_or(QueueSort::Newest);
    // Newest first: SQLite walks the requests by their filing index and stops at the page's
    // end (the cross join). Another order sorts what the filters leave.
    let join = match backend {
        sea_orm::DbBackend::Sqlite if selection.search.is_none() && sort == QueueSort::Newest => {
            JoinType::CrossJoin
        }
        _ => JoinType::InnerJoin,
    };
    routed_as(&mut ids, selection.scope, selection.filter, join);
    ids.cond_where(cond.clone());
    order(&mut ids, sort);
    ids.limit(limit).to_owned()
}

/// Pages up to this many rows are read ids first.
const PAGE_BY_IDS: u64 = 1000;

/// Requests per status for the filters (the status filter aside).
pub async fn counts(
    db: &impl ConnectionTrait,
    selection: &Selection<'_>,
) -> Result<Vec<(RequestState, u64)>, DbErr> {
    let select = counts_query(db.get_database_backend(), selection);
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

/// Requests per status (the status filter aside).
fn counts_query(backend: sea_orm::DbBackend, selection: &Selection<'_>) -> SelectStatement {
    let (scope, filter) = (selection.scope, selection.filter);
    // The search is resolved to ids already: counting never joins the owners' tables.
    if let Some(select) = counts_from_routing(selection) {
        return select;
    }
    let department = department_of(scope, filter);
    let mut select = match department {
        // SQLite reads a `CROSS JOIN`'s tables in the order written: the department's
        // routing rows (a sixth of all requests or fewer), each request found by its id,
        // instead of every request probed for its routing (20 → 5 ms at 100,000).
        Some(d) if backend == sea_orm::DbBackend::Sqlite && selection.search.is_none() => {
            Query::select()
                .from(request_department::Entity)
                .cross_join(request::Entity)
                .cond_where(routing(d, Some((scope, filter))))
                .to_owned()
        }
        _ => {
            let mut select = Query::select().from(request::Entity).to_owned();
            routed(&mut select, scope, filter);
            select
        }
    };
    select
        .column(col(request::Column::Status))
        .expr_as(Expr::col(col(request::Column::Id)).count(), Alias::new("n"))
        .cond_where(selection.condition())
        .group_by_col(col(request::Column::Status));
    select
}

/// Of `ids`, the requests whose last change of state was the owner's answer: the owner
/// answered what the department asked and nobody has acted on it since.
pub async fn answered(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<std::collections::HashSet<i32>, DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    use shared::application::EventKind;
    // Events that leave the state as it is (a document, a handover, a note) do not count.
    let quiet = [EventKind::Attach, EventKind::Handover, EventKind::Comment].map(|k| k.as_str());
    let mut last: std::collections::HashMap<i32, (i32, String)> = Default::default();
    for chunk in ids.chunks(500) {
        let events: Vec<(i32, i32, String)> = request_event::Entity::find()
            .select_only()
            .column(request_event::Column::RequestId)
            .column(request_event::Column::Id)
            .column(request_event::Column::Kind)
            .filter(request_event::Column::RequestId.is_in(chunk.iter().copied()))
            .filter(request_event::Column::Kind.is_not_in(quiet))
            .into_tuple()
            .all(db)
            .await?;
        for (request, id, kind) in events {
            let entry = last.entry(request).or_insert((id, kind.clone()));
            if id >= entry.0 {
                *entry = (id, kind);
            }
        }
    }
    Ok(last
        .into_iter()
        .filter(|(_, (_, kind))| kind == EventKind::Answer.as_str())
        .map(|(request, _)| request)
        .collect())
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
            out.entry(d.request_id)
                .or_default()
                .push(super::parse_department(&d.department_id)?);
        }
    }
    for ds in out.values_mut() {
        ds.sort();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{DatabaseConnection, DbBackend};

    /// The query plan SQLite chooses for `select`, one step a line.
    async fn plan(db: &DatabaseConnection, select: &SelectStatement) -> String {
        let mut statement = DbBackend::Sqlite.build(select);
        statement.sql = format!("EXPLAIN QUERY PLAN {}", statement.sql);
        db.query_all_raw(statement)
            .await
            .expect("explained")
            .iter()
            .map(|r| r.try_get::<String>("", "detail").expect("detail"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    async fn migrated() -> DatabaseConnection {
        let file = std::env::temp_dir().join(format!(
            "shukun-plans-{}-{}.db",
            std::process::id(),
            crate::services::tokens::random_hex(8).expect("random")
        ));
        crate::store::connect(&format!("sqlite://{}?mode=rwc", file.display()))
            .await
            .expect("migrated database")
    }

    fn official() -> Scope {
        Scope::Routed {
            department: DepartmentId::parse("sasac").unwrap(),
            jurisdictions: vec![JurisdictionId::Korla, JurisdictionId::Ketdz],
        }
    }

    const TODAY: &str = "2022-06-01";

    /// A queue: its name, scope and filter, the steps its page's plan reads, and its counts'.
    type Case<'a> = (
        &'a str,
        &'a Scope,
        &'a QueueFilter,
        &'a [&'a str],
        &'a [&'a str],
    );

    /// The counts of a department's queue read its routing's index alone.
    const ROUTING_ALONE: &str = "SEARCH request_departments USING COVERING INDEX request_departments_department_state (department_id=?)";

    /// The plans the queue's speed rests on (the benchmark at 100,000 requests measures them;
    /// this says at once which one changed): pages walk the requests newest first in an index
    /// and stop at the page's end, never sorting in a temporary tree; a department's requests
    /// are found through the covering index of its routing; counts never touch the owners.
    #[tokio::test]
    async fn the_queue_reads_through_the_indexes_its_speed_rests_on() {
        let db = migrated().await;
        let today: NaiveDate = TODAY.parse().expect("date");
        let all = Scope::All;
        let routed = official();
        let default = QueueFilter::default();
        let sasac = QueueFilter {
            department: Some(DepartmentId::parse("sasac").unwrap()),
            ..QueueFilter::default()
        };
        let in_review = QueueFilter {
            status: Some(RequestState::InReview),
            ..QueueFilter::default()
        };
        let overdue = QueueFilter {
            overdue: Some(true),
            ..QueueFilter::default()
        };
        let cases: [Case; 5] = [
            (
                "supervisor",
                &all,
                &default,
                &["SCAN requests USING COVERING INDEX requests_filed"],
                &["SCAN requests"],
            ),
            (
                "official",
                &routed,
                &default,
                // The official's jurisdictions first (a few of them), sorted after.
                &[
                    "SEARCH requests USING COVERING INDEX requests_jurisdiction_filed (jurisdiction=?)",
                    "SEARCH request_departments USING COVERING INDEX sqlite_autoindex_request_departments_1 (request_id=? AND department_id=?)",
                ],
                &[ROUTING_ALONE],
            ),
            (
                "supervisor on one department",
                &all,
                &sasac,
                &[
                    "SCAN requests USING COVERING INDEX requests_filed",
                    "SEARCH request_departments USING COVERING INDEX sqlite_autoindex_request_departments_1 (request_id=? AND department_id=?)",
                ],
                &[ROUTING_ALONE],
            ),
            (
                "supervisor by status",
                &all,
                &in_review,
                &["SEARCH requests USING COVERING INDEX requests_status_filed (status=?)"],
                &["SCAN requests"],
            ),
            (
                "official overdue",
                &routed,
                &overdue,
                // The department's open routing rows in the official's jurisdictions, however
                // many of them are late.
                &[
                    "SEARCH request_departments USING COVERING INDEX request_departments_department_state (department_id=? AND status=? AND jurisdiction=?)",
                ],
                // The routing rows of the states a request can be late in, in the official's
                // jurisdictions, each request looked up for its due date.
                &[
                    "SEARCH request_departments USING COVERING INDEX request_departments_department_state (department_id=? AND status=? AND jurisdiction=?)",
                    "SEARCH requests USING INTEGER PRIMARY KEY (rowid=?)",
                ],
            ),
        ];
        for (case, scope, filter, page_reads, counts_read) in cases {
            let selection = Selection::new(&db, scope, filter, today)
                .await
                .expect("selection");
            let mut cond = selection.condition();
            if let Some(s) = filter.status {
                cond = cond.add(Expr::col(col(request::Column::Status)).eq(s.as_str()));
            }
            let page = plan(
                &db,
                &page_ids_query(DbBackend::Sqlite, &selection, &cond, 50),
            )
            .await;
            for step in page_reads {
                assert!(
                    page.contains(step),
                    "{case}: the page reads `{step}`:\n{page}"
                );
            }
            if matches!(scope, Scope::All) {
                assert!(
                    !page.contains("TEMP B-TREE"),
                    "{case}: a page walks the requests newest first and stops at its end:\n{page}"
                );
            }
            let counts = plan(&db, &counts_query(DbBackend::Sqlite, &selection)).await;
            for step in counts_read {
                assert!(
                    counts.contains(step),
                    "{case}: the counts read `{step}`:\n{counts}"
                );
            }
            if counts_read == [ROUTING_ALONE] {
                assert!(
                    !counts.contains("requests "),
                    "{case}: a department's counts look up no request:\n{counts}"
                );
            }
            assert!(
                !counts.contains("businesses") && !counts.contains("users"),
                "{case}: counting never joins the owners' tables:\n{counts}"
            );
        }
        let number = QueueFilter {
            q: Some("BZ2022-000123".into()),
            ..QueueFilter::default()
        };
        let selection = Selection::new(&db, &all, &number, today)
            .await
            .expect("selection");
        let page = plan(
            &db,
            &page_ids_query(DbBackend::Sqlite, &selection, &selection.condition(), 50),
        )
        .await;
        assert!(
            page.contains("SEARCH requests USING INDEX sqlite_autoindex_requests"),
            "a whole request number is found by its unique index:\n{page}"
        );
    }

    /// The desk's order reads each state's requests by their last day (or when closed) from
    /// the state's index and stops at the page's end: nothing is sorted.
    #[tokio::test]
    async fn the_due_order_walks_each_states_index_without_sorting() {
        let db = migrated().await;
        let today: NaiveDate = TODAY.parse().expect("date");
        let due = QueueFilter {
            sort: Some(QueueSort::Due),
            ..QueueFilter::default()
        };
        let selection = Selection::new(&db, &Scope::All, &due, today)
            .await
            .expect("selection");
        for (state, index) in [
            (RequestState::Submitted, "requests_state_due"),
            (RequestState::NeedsInfo, "requests_state_due"),
            (RequestState::Approved, "requests_state_closed"),
        ] {
            let read = plan(
                &db,
                &due_state_query(&selection, &selection.condition(), state, None, 50),
            )
            .await;
            assert!(read.contains(index), "{state}: reads {index}:\n{read}");
            assert!(
                !read.contains("TEMP B-TREE"),
                "{state}: sorts nothing:\n{read}"
            );
        }
    }

    #[test]
    fn a_whole_request_number_is_told_from_a_part_of_one() {
        assert!(is_whole_number("BZ2022-000123"));
        assert!(!is_whole_number("BZ2022-00012"), "a digit short");
        assert!(!is_whole_number("BZ2022000123"), "no dash");
        assert!(
            !is_whole_number("bz2022-000123"),
            "the caller upper-cases first"
        );
    }

    #[test]
    fn only_text_made_of_a_numbers_characters_is_searched_in_the_numbers() {
        assert!(may_be_in_a_number("2-000123"));
        assert!(may_be_in_a_number("BZ2022"));
        assert!(!may_be_in_a_number("MA0001"), "a credit code's letters");
        assert!(!may_be_in_a_number("孔雀河"), "a name");
    }

    #[test]
    fn a_search_for_percent_matches_the_character_not_everything() {
        assert_eq!(like_pattern("50%"), "%50\\%%");
        assert_eq!(like_pattern("a_b"), "%a\\_b%");
    }
}
