//! 督办 supervision notices: the notice, the requests it lists and its history.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use shared::account::Role;
use shared::application::{NoticeEvent, NoticeState, RequestState};
use shared::catalog::DepartmentId;

use super::entities::{
    request, request_department, supervision_notice as notice, supervision_notice_event as event,
    supervision_notice_request as link,
};
use super::parse_wire;

/// A notice as the services see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRecord {
    pub id: i32,
    pub department: DepartmentId,
    pub status: NoticeState,
    pub message: String,
    pub deadline: NaiveDate,
    pub requested_deadline: Option<NaiveDate>,
    pub issued_by: i32,
    pub issued_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One step of a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeEventRecord {
    pub at: DateTime<Utc>,
    pub actor_id: i32,
    pub actor_role: Role,
    pub kind: NoticeEvent,
    pub from: Option<NoticeState>,
    pub to: NoticeState,
    pub comment: Option<String>,
    pub deadline: Option<NaiveDate>,
}

/// A request a notice lists, as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedRequest {
    pub id: i32,
    pub number: String,
    pub status: RequestState,
    pub due_on: NaiveDate,
    /// Where the business is: an official reading the notice sees only the requests of
    /// their own jurisdictions.
    pub jurisdiction: Option<shared::answers::JurisdictionId>,
}

fn record(m: notice::Model) -> Result<NoticeRecord, DbErr> {
    Ok(NoticeRecord {
        id: m.id,
        department: super::parse_department(&m.department)?,
        status: parse_wire(NoticeState::ALL, NoticeState::as_str, &m.status)?,
        message: m.message,
        deadline: m.deadline,
        requested_deadline: m.requested_deadline,
        issued_by: m.issued_by,
        issued_at: m.issued_at,
        updated_at: m.updated_at,
    })
}

/// Inserts a notice in the `issued` state with the requests it lists.
pub async fn insert(
    db: &DatabaseTransaction,
    department: DepartmentId,
    message: &str,
    deadline: NaiveDate,
    issued_by: i32,
    requests: &[i32],
    at: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let id = notice::Entity::insert(notice::ActiveModel {
        department: Set(department.as_str().into()),
        status: Set(NoticeState::Issued.as_str().into()),
        message: Set(message.into()),
        deadline: Set(deadline),
        requested_deadline: Set(None),
        issued_by: Set(issued_by),
        issued_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id;
    for chunk in requests.chunks(200) {
        link::Entity::insert_many(chunk.iter().map(|r| link::ActiveModel {
            notice_id: Set(id),
            request_id: Set(*r),
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(id)
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<NoticeRecord>, DbErr> {
    notice::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(record)
        .transpose()
}

/// Moves a notice from `from` to `to` (compare-and-swap on the state), setting its deadline
/// and the deadline asked for; `false` when someone moved it first.
pub async fn change(
    db: &DatabaseTransaction,
    id: i32,
    from: NoticeState,
    to: NoticeState,
    deadline: NaiveDate,
    requested_deadline: Option<NaiveDate>,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = notice::Entity::update_many()
        .col_expr(notice::Column::Status, Expr::value(to.as_str()))
        .col_expr(notice::Column::Deadline, Expr::value(deadline))
        .col_expr(
            notice::Column::RequestedDeadline,
            Expr::value(requested_deadline),
        )
        .col_expr(notice::Column::UpdatedAt, Expr::value(at))
        .filter(notice::Column::Id.eq(id))
        .filter(notice::Column::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn append_event(
    db: &DatabaseTransaction,
    notice_id: i32,
    e: &NoticeEventRecord,
) -> Result<(), DbErr> {
    event::Entity::insert(event::ActiveModel {
        notice_id: Set(notice_id),
        at: Set(e.at),
        actor_id: Set(e.actor_id),
        actor_role: Set(e.actor_role.as_str().into()),
        kind: Set(e.kind.as_str().into()),
        from_status: Set(e.from.map(|s| s.as_str().into())),
        to_status: Set(e.to.as_str().into()),
        comment: Set(e.comment.clone()),
        deadline: Set(e.deadline),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A notice's history, oldest first.
pub async fn events(
    db: &impl ConnectionTrait,
    notice_id: i32,
) -> Result<Vec<NoticeEventRecord>, DbErr> {
    event::Entity::find()
        .filter(event::Column::NoticeId.eq(notice_id))
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(NoticeEventRecord {
                at: m.at,
                actor_id: m.actor_id,
                actor_role: parse_wire(Role::ALL, Role::as_str, &m.actor_role)?,
                kind: parse_wire(NoticeEvent::ALL, NoticeEvent::as_str, &m.kind)?,
                from: m
                    .from_status
                    .as_deref()
                    .map(|s| parse_wire(NoticeState::ALL, NoticeState::as_str, s))
                    .transpose()?,
                to: parse_wire(NoticeState::ALL, NoticeState::as_str, &m.to_status)?,
                comment: m.comment,
                deadline: m.deadline,
            })
        })
        .collect()
}

/// The requests a notice lists, by number.
/// Every notice's id and the instant it was issued (to number them).
pub async fn issued(db: &impl ConnectionTrait) -> Result<Vec<(i32, DateTime<Utc>)>, DbErr> {
    notice::Entity::find()
        .select_only()
        .column(notice::Column::Id)
        .column(notice::Column::IssuedAt)
        .into_tuple()
        .all(db)
        .await
}

pub async fn requests_of(
    db: &impl ConnectionTrait,
    notice_id: i32,
) -> Result<Vec<ListedRequest>, DbErr> {
    let ids: Vec<i32> = link::Entity::find()
        .filter(link::Column::NoticeId.eq(notice_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.request_id)
        .collect();
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        for m in request::Entity::find()
            .filter(request::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            out.push(ListedRequest {
                id: m.id,
                number: m.number.unwrap_or_default(),
                status: parse_wire(RequestState::ALL, RequestState::as_str, &m.status)?,
                due_on: m.due_on,
                jurisdiction: m
                    .jurisdiction
                    .as_deref()
                    .map(|j| {
                        parse_wire(
                            shared::answers::JurisdictionId::ALL,
                            shared::answers::JurisdictionId::as_str,
                            j,
                        )
                    })
                    .transpose()?,
            });
        }
    }
    out.sort_by(|a, b| a.number.cmp(&b.number).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// Notices, newest first, with how many requests each lists: of one department or all,
/// the open ones only or all.
pub async fn list(
    db: &impl ConnectionTrait,
    department: Option<DepartmentId>,
    open_only: bool,
) -> Result<Vec<(NoticeRecord, u64)>, DbErr> {
    let mut q = notice::Entity::find().order_by_desc(notice::Column::Id);
    if let Some(d) = department {
        q = q.filter(notice::Column::Department.eq(d.as_str()));
    }
    if open_only {
        q = q.filter(notice::Column::Status.ne(NoticeState::Closed.as_str()));
    }
    let notices = q
        .all(db)
        .await?
        .into_iter()
        .map(record)
        .collect::<Result<Vec<_>, _>>()?;
    let mut counts = std::collections::HashMap::<i32, u64>::new();
    let ids: Vec<i32> = notices.iter().map(|n| n.id).collect();
    for chunk in ids.chunks(500) {
        let select = Query::select()
            .column(link::Column::NoticeId)
            .expr_as(Expr::col(link::Column::RequestId).count(), Alias::new("n"))
            .from(link::Entity)
            .and_where(Expr::col(link::Column::NoticeId).is_in(chunk.iter().copied()))
            .group_by_col(link::Column::NoticeId)
            .to_owned();
        for r in db.query_all(&select).await? {
            let id: i32 = r.try_get("", "notice_id")?;
            let n: i64 = r.try_get("", "n")?;
            counts.insert(id, u64::try_from(n).unwrap_or(0));
        }
    }
    Ok(notices
        .into_iter()
        .map(|n| {
            let c = counts.get(&n.id).copied().unwrap_or(0);
            (n, c)
        })
        .collect())
}

/// Of `ids`, those that are open, past their last day on `today` and routed to `department`.
pub async fn overdue_of_department(
    db: &impl ConnectionTrait,
    department: DepartmentId,
    ids: &[i32],
    today: NaiveDate,
) -> Result<Vec<i32>, DbErr> {
    let open: Vec<&str> = RequestState::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| s.as_str())
        .collect();
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let routed = Query::select()
            .column(request_department::Column::RequestId)
            .from(request_department::Entity)
            .and_where(Expr::col(request_department::Column::DepartmentId).eq(department.as_str()))
            .to_owned();
        let found = request::Entity::find()
            .filter(request::Column::Id.is_in(chunk.iter().copied()))
            .filter(request::Column::Status.is_in(open.clone()))
            .filter(request::Column::DueOn.lt(today))
            .filter(Expr::col(request::Column::Id).in_subquery(routed))
            .all(db)
            .await?;
        out.extend(found.into_iter().map(|m| m.id));
    }
    Ok(out)
}
