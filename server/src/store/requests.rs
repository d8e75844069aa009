//! Requests, the departments they are routed to, their history, idempotency keys and
//! documents.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use shared::account::Role;
use shared::answers::JurisdictionId;
use shared::application::{
    ApplicationKind, DocumentPurpose, DocumentType, EventKind, RequestState,
};
use shared::catalog::{DepartmentId, MeasureId};

use super::entities::{document, idempotency_key, request, request_department, request_event};
use super::{WriteError, parse_wire, write_error};

/// A request as the services see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    pub id: i32,
    pub number: String,
    pub owner_id: i32,
    pub measure: MeasureId,
    pub kind: ApplicationKind,
    pub status: RequestState,
    pub version: i32,
    pub jurisdiction: Option<JurisdictionId>,
    pub departments: Vec<DepartmentId>,
    pub catalog_version: String,
    /// JSON, as stored.
    pub answers: String,
    pub payload: String,
    pub grant: Option<String>,
    pub due_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The official it was handed over to last.
    pub assignee_id: Option<i32>,
    /// The day the department asked the owner for more, while it waits (the time limit
    /// stops).
    pub paused_on: Option<NaiveDate>,
    /// The department that leads and decides it (牵头单位); the others assist.
    pub lead: Option<DepartmentId>,
}

fn record(m: request::Model, departments: Vec<DepartmentId>) -> Result<RequestRecord, DbErr> {
    Ok(RequestRecord {
        id: m.id,
        number: m.number.unwrap_or_default(),
        owner_id: m.owner_id,
        measure: super::parse_measure(&m.measure)?,
        kind: parse_wire(ApplicationKind::ALL, ApplicationKind::as_str, &m.kind)?,
        status: parse_wire(RequestState::ALL, RequestState::as_str, &m.status)?,
        version: m.version,
        jurisdiction: super::parse_jurisdiction(m.jurisdiction.as_deref())?,
        departments,
        catalog_version: m.catalog_version,
        answers: m.answers,
        payload: m.payload,
        grant: m.grant,
        due_on: m.due_on,
        created_at: m.created_at,
        updated_at: m.updated_at,
        assignee_id: m.assignee_id,
        paused_on: m.paused_on,
        lead: m
            .lead_department
            .as_deref()
            .map(super::parse_department)
            .transpose()?,
    })
}

/// The key that keeps one open request per business per measure.
fn open_key(owner_id: i32, measure: MeasureId) -> String {
    format!("{owner_id}:{measure}")
}

pub struct NewRequest<'a> {
    pub owner_id: i32,
    pub measure: MeasureId,
    pub kind: ApplicationKind,
    pub jurisdiction: Option<JurisdictionId>,
    pub routed_jurisdiction: Option<JurisdictionId>,
    pub departments: &'a [DepartmentId],
    pub lead: Option<DepartmentId>,
    pub catalog_version: &'a str,
    pub answers: String,
    pub payload: String,
    pub due_on: NaiveDate,
    pub at: DateTime<Utc>,
    /// The source code of the link it was filed from.
    pub source: String,
}

/// Inserts a request with its number and departments; `Taken` when the business already has
/// an open request for the measure.
pub async fn insert(
    db: &DatabaseTransaction,
    new: NewRequest<'_>,
) -> Result<RequestRecord, WriteError> {
    let (answers_json, payload_json) = (new.answers, new.payload);
    let inserted = request::Entity::insert(request::ActiveModel {
        number: Set(None),
        owner_id: Set(new.owner_id),
        measure: Set(new.measure.as_str().into()),
        kind: Set(new.kind.as_str().into()),
        status: Set(RequestState::Submitted.as_str().into()),
        version: Set(1),
        jurisdiction: Set(new.jurisdiction.map(|j| j.as_str().into())),
        routed_jurisdiction: Set(new.routed_jurisdiction.map(|j| j.as_str().into())),
        catalog_version: Set(new.catalog_version.into()),
        answers: Set(answers_json.clone()),
        payload: Set(payload_json.clone()),
        grant: Set(None),
        due_on: Set(new.due_on),
        open_key: Set(Some(open_key(new.owner_id, new.measure))),
        lead_department: Set(new.lead.map(|d| d.as_str().into())),
        paused_on: Set(None),
        source: Set(Some(new.source)),
        created_at: Set(new.at),
        updated_at: Set(new.at),
        ..Default::default()
    })
    .exec(db)
    .await
    .map_err(write_error)?;
    let id = inserted.last_insert_id;
    let number = shared::application::request_number(
        shared::application::beijing_day(new.at),
        i64::from(id),
    );
    request::Entity::update_many()
        .col_expr(request::Column::Number, Expr::value(number.clone()))
        .filter(request::Column::Id.eq(id))
        .exec(db)
        .await?;
    if !new.departments.is_empty() {
        request_department::Entity::insert_many(new.departments.iter().map(|d| {
            request_department::ActiveModel {
                request_id: Set(id),
                department_id: Set(d.as_str().into()),
                // The request's state and jurisdiction: the database copies them.
                ..Default::default()
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    let mut departments = new.departments.to_vec();
    departments.sort();
    Ok(RequestRecord {
        id,
        number,
        owner_id: new.owner_id,
        measure: new.measure,
        kind: new.kind,
        status: RequestState::Submitted,
        version: 1,
        jurisdiction: new.jurisdiction,
        departments,
        catalog_version: new.catalog_version.to_string(),
        answers: answers_json,
        payload: payload_json,
        grant: None,
        due_on: new.due_on,
        created_at: new.at,
        updated_at: new.at,
        assignee_id: None,
        paused_on: None,
        lead: new.lead,
    })
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<RequestRecord>, DbErr> {
    let Some(m) = request::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let departments = request_department::Entity::find()
        .filter(request_department::Column::RequestId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| super::parse_department(&d.department_id))
        .collect::<Result<Vec<_>, _>>()?;
    let mut departments = departments;
    departments.sort();
    record(m, departments).map(Some)
}

/// An owner's requests, newest first (without their departments).
pub async fn list_of_owner(
    db: &impl ConnectionTrait,
    owner_id: i32,
) -> Result<Vec<RequestRecord>, DbErr> {
    request::Entity::find()
        .filter(request::Column::OwnerId.eq(owner_id))
        .order_by_desc(request::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| record(m, Vec::new()))
        .collect()
}

/// Whether the owner filed another request before this one.
pub async fn filed_before(
    db: &impl ConnectionTrait,
    owner_id: i32,
    id: i32,
) -> Result<bool, DbErr> {
    Ok(request::Entity::find()
        .select_only()
        .column(request::Column::Id)
        .filter(request::Column::OwnerId.eq(owner_id))
        .filter(request::Column::Id.lt(id))
        .into_tuple::<i32>()
        .one(db)
        .await?
        .is_some())
}

/// A request's time limit after a step: its due date, and the day it was paused since (while
/// the department waits on the owner).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    pub due_on: NaiveDate,
    pub paused_on: Option<NaiveDate>,
}

/// Moves a request from `from` at `version` to `to` (compare-and-swap in the UPDATE's WHERE,
/// so it holds across processes): `false` when it changed since it was read. `timing`, when
/// the step pauses or resumes the time limit.
#[allow(clippy::too_many_arguments)]
pub async fn change_status(
    db: &DatabaseTransaction,
    id: i32,
    version: i32,
    from: RequestState,
    to: RequestState,
    grant: Option<String>,
    timing: Option<Timing>,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut update = request::Entity::update_many()
        .col_expr(request::Column::Status, Expr::value(to.as_str()))
        .col_expr(request::Column::Version, Expr::value(version + 1))
        .col_expr(request::Column::UpdatedAt, Expr::value(at));
    if let Some(t) = timing {
        update = update
            .col_expr(request::Column::DueOn, Expr::value(t.due_on))
            .col_expr(request::Column::PausedOn, Expr::value(t.paused_on));
    }
    if !to.is_open() {
        update = update.col_expr(
            request::Column::OpenKey,
            Expr::value(Option::<String>::None),
        );
    }
    if grant.is_some() {
        update = update.col_expr(request::Column::Grant, Expr::value(grant));
    }
    let result = update
        .filter(request::Column::Id.eq(id))
        .filter(request::Column::Version.eq(version))
        .filter(request::Column::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// One event of a request's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    pub at: DateTime<Utc>,
    pub actor_id: i32,
    pub actor_role: Role,
    pub kind: EventKind,
    pub from: Option<RequestState>,
    pub to: RequestState,
    pub comment: Option<String>,
    pub documents: Vec<i64>,
    /// The revision of facts and settings in force when it happened.
    pub rules_revision: Option<i32>,
    /// The due date this step set, when it moved it (the owner answered after a pause).
    pub due_on: Option<NaiveDate>,
    /// The working days the time limit stood still before this step (the owner's answer).
    pub paused_working_days: Option<u32>,
}

pub async fn append_event(
    db: &DatabaseTransaction,
    request_id: i32,
    e: &EventRecord,
) -> Result<(), DbErr> {
    request_event::Entity::insert(request_event::ActiveModel {
        request_id: Set(request_id),
        at: Set(e.at),
        actor_id: Set(e.actor_id),
        actor_role: Set(e.actor_role.as_str().into()),
        kind: Set(e.kind.as_str().into()),
        from_status: Set(e.from.map(|s| s.as_str().into())),
        to_status: Set(e.to.as_str().into()),
        comment: Set(e.comment.clone()),
        documents: Set(serde_json::to_string(&e.documents).unwrap_or_else(|_| "[]".into())),
        rules_revision: Set(e.rules_revision),
        due_on: Set(e.due_on),
        paused_working_days: Set(e
            .paused_working_days
            .map(|n| i32::try_from(n).unwrap_or(i32::MAX))),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn events(db: &impl ConnectionTrait, request_id: i32) -> Result<Vec<EventRecord>, DbErr> {
    request_event::Entity::find()
        .filter(request_event::Column::RequestId.eq(request_id))
        .order_by_asc(request_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(EventRecord {
                at: m.at,
                actor_id: m.actor_id,
                actor_role: parse_wire(Role::ALL, Role::as_str, &m.actor_role)?,
                kind: parse_wire(EventKind::ALL, EventKind::as_str, &m.kind)?,
                from: m
                    .from_status
                    .as_deref()
                    .map(|s| parse_wire(RequestState::ALL, RequestState::as_str, s))
                    .transpose()?,
                to: parse_wire(RequestState::ALL, RequestState::as_str, &m.to_status)?,
                comment: m.comment,
                documents: serde_json::from_str(&m.documents)
                    .map_err(|e| DbErr::Custom(e.to_string()))?,
                rules_revision: m.rules_revision,
                due_on: m.due_on,
                paused_working_days: m.paused_working_days.and_then(|n| u32::try_from(n).ok()),
            })
        })
        .collect()
}

/// A stored idempotency key: the hash of the body it came with and the request it filed.
pub async fn find_key(
    db: &impl ConnectionTrait,
    user_id: i32,
    key: &str,
) -> Result<Option<(String, i32)>, DbErr> {
    Ok(
        idempotency_key::Entity::find_by_id((user_id, key.to_owned()))
            .one(db)
            .await?
            .map(|k| (k.body_hash, k.request_id)),
    )
}

pub async fn insert_key(
    db: &DatabaseTransaction,
    user_id: i32,
    key: &str,
    body_hash: &str,
    request_id: i32,
    at: DateTime<Utc>,
) -> Result<(), WriteError> {
    idempotency_key::Entity::insert(idempotency_key::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.to_owned()),
        body_hash: Set(body_hash.to_owned()),
        request_id: Set(request_id),
        created_at: Set(at),
    })
    .exec_without_returning(db)
    .await
    .map_err(write_error)?;
    Ok(())
}

/// A stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    pub id: i32,
    pub request_id: i32,
    pub purpose: DocumentPurpose,
    pub doc_type: DocumentType,
    pub size: i64,
    pub storage_name: String,
    pub created_at: DateTime<Utc>,
}

fn document_record(m: document::Model) -> Result<DocumentRecord, DbErr> {
    Ok(DocumentRecord {
        id: m.id,
        request_id: m.request_id,
        purpose: parse_wire(DocumentPurpose::ALL, DocumentPurpose::as_str, &m.purpose)?,
        doc_type: parse_wire(DocumentType::ALL, DocumentType::as_str, &m.doc_type)?,
        size: m.size,
        storage_name: m.storage_name,
        created_at: m.created_at,
    })
}

pub struct NewDocument<'a> {
    pub request_id: i32,
    pub uploader_id: i32,
    pub purpose: DocumentPurpose,
    pub doc_type: DocumentType,
    pub size: i64,
    pub storage_name: &'a str,
    pub sha256: &'a str,
    pub at: DateTime<Utc>,
}

pub async fn insert_document(db: &DatabaseTransaction, d: NewDocument<'_>) -> Result<i32, DbErr> {
    let r = document::Entity::insert(document::ActiveModel {
        request_id: Set(d.request_id),
        uploader_id: Set(d.uploader_id),
        purpose: Set(d.purpose.as_str().into()),
        doc_type: Set(d.doc_type.as_str().into()),
        size: Set(d.size),
        storage_name: Set(d.storage_name.into()),
        sha256: Set(d.sha256.into()),
        created_at: Set(d.at),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(r.last_insert_id)
}

/// How many documents a request holds, and how many bytes an uploader stores in all.
pub async fn document_usage(
    db: &impl ConnectionTrait,
    request_id: i32,
    uploader_id: i32,
) -> Result<(u64, u64), DbErr> {
    use sea_orm::{PaginatorTrait, QuerySelect};
    let on_request = document::Entity::find()
        .filter(document::Column::RequestId.eq(request_id))
        .count(db)
        .await?;
    let sizes: Vec<i64> = document::Entity::find()
        .select_only()
        .column(document::Column::Size)
        .filter(document::Column::UploaderId.eq(uploader_id))
        .into_tuple()
        .all(db)
        .await?;
    let bytes = sizes
        .into_iter()
        .map(|s| u64::try_from(s).unwrap_or(0))
        .sum();
    Ok((on_request, bytes))
}

/// The names every stored document is kept under.
pub async fn storage_names(
    db: &impl ConnectionTrait,
) -> Result<std::collections::HashSet<String>, DbErr> {
    use sea_orm::QuerySelect;
    let names: Vec<String> = document::Entity::find()
        .select_only()
        .column(document::Column::StorageName)
        .into_tuple()
        .all(db)
        .await?;
    // Interpretations' images are kept in the same storage.
    let images = super::publicity::image_names(db).await?;
    Ok(names.into_iter().chain(images).collect())
}

pub async fn documents(
    db: &impl ConnectionTrait,
    request_id: i32,
) -> Result<Vec<DocumentRecord>, DbErr> {
    document::Entity::find()
        .filter(document::Column::RequestId.eq(request_id))
        .order_by_asc(document::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(document_record)
        .collect()
}

pub async fn find_document(
    db: &impl ConnectionTrait,
    request_id: i32,
    id: i32,
) -> Result<Option<DocumentRecord>, DbErr> {
    document::Entity::find_by_id(id)
        .filter(document::Column::RequestId.eq(request_id))
        .one(db)
        .await?
        .map(document_record)
        .transpose()
}

/// Records the official a request is handed over to (its state and version unchanged).
pub async fn set_assignee(db: &DatabaseTransaction, id: i32, assignee: i32) -> Result<(), DbErr> {
    request::Entity::update_many()
        .col_expr(request::Column::AssigneeId, Expr::value(assignee))
        .filter(request::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
