//! Filing, reading, deciding and withdrawing requests, and their documents. Each change of
//! state, its history event, the owner's message and the webhook's outbox row are written in
//! one transaction.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseTransaction;
use sha2::{Digest, Sha256};
use shared::account::Role;
use shared::api::requests::{
    DecisionRequest, DocumentView, EventView, FileRequest, OwnerActionRequest, RequestSummary,
    RequestView, WebhookEvent,
};
use shared::api::{EligibilityResponse, ReasonView};
use shared::application::beijing_day;
use shared::application::{
    Action, DocumentPurpose, DocumentType, EventKind, Grant, Payload, RequestState,
    TransitionError, transition,
};
use shared::catalog::How;
use shared::error_code::ErrorCode;
use shared::{Lang, Status, evaluate};

use crate::AppState;
use crate::error::ApiError;
use crate::extract::Caller;
use crate::infra::documents::DocumentStorage;
use crate::services::tokens::{hex, random_hex};
use crate::store::requests::{self as store, EventRecord, NewDocument, NewRequest, RequestRecord};
use crate::store::{WriteError, notifications, users};

/// The longest idempotency key and comment accepted.
pub const MAX_KEY: usize = 128;
pub const MAX_COMMENT: usize = 2000;

/// A filed request, and whether this call filed it (`false`: an idempotent repeat).
pub struct Filed {
    pub view: RequestView,
    pub created: bool,
}

fn invalid(field: impl Into<String>, message: impl Into<String>) -> ApiError {
    ApiError::field(field, message)
}

/// Checks an `Idempotency-Key` header value.
pub fn check_key(key: Option<&str>) -> Result<String, ApiError> {
    let key = key.map(str::trim).unwrap_or_default();
    if key.is_empty() {
        return Err(ApiError::Refused {
            code: ErrorCode::IdempotencyKeyRequired,
            field: Some("Idempotency-Key"),
            message: "send an `Idempotency-Key: <uuid>` header, the same for retries of one filing"
                .into(),
        });
    }
    if key.len() > MAX_KEY || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::Refused {
            code: ErrorCode::IdempotencyKeyRequired,
            field: Some("Idempotency-Key"),
            message: format!("the key must be at most {MAX_KEY} visible ASCII characters"),
        });
    }
    Ok(key.to_string())
}

fn reused() -> ApiError {
    ApiError::Refused {
        code: ErrorCode::IdempotencyKeyReused,
        field: Some("Idempotency-Key"),
        message: "this Idempotency-Key was used for a different body".into(),
    }
}

fn comment(c: Option<String>) -> Result<Option<String>, ApiError> {
    match c.map(|c| c.trim().to_string()).filter(|c| !c.is_empty()) {
        Some(c) if c.chars().count() > MAX_COMMENT => Err(invalid(
            "comment",
            format!("must be at most {MAX_COMMENT} characters"),
        )),
        c => Ok(c),
    }
}

/// Files a request (owners only): validated, re-evaluated on the server's date with the
/// catalog in force, routed, stored with its answers.
pub async fn file(
    state: &AppState,
    caller: &Caller,
    key: &str,
    body: FileRequest,
    lang: Lang,
) -> Result<Filed, ApiError> {
    if caller.role != Role::Applicant {
        return Err(ApiError::Forbidden("only business owners file requests"));
    }
    body.answers
        .validate("answers.")
        .map_err(|e| invalid(e.field, e.problem))?;
    // One catalog, calendar and set of time limits for the whole filing, even if an
    // administrator records a fact or setting meanwhile.
    let active = state.active();
    let catalog = active.catalog.clone();
    let rules_revision = i32::try_from(active.revision).ok();
    let measure = catalog
        .measure(body.measure)
        .ok_or_else(|| invalid("measure", "not in the catalog in force"))?;
    match measure.application_kind {
        Some(kind) if kind == body.kind => {}
        Some(kind) => {
            return Err(invalid(
                "kind",
                format!("{} is filed as `{kind}`", body.measure),
            ));
        }
        None => {
            return Err(invalid(
                "measure",
                format!("{} is not filed here", body.measure),
            ));
        }
    }
    let payload = Payload::parse(body.kind, body.measure, &body.answers, &body.payload)
        .map_err(ApiError::payload)?;
    let payload_json = serde_json::to_string(&payload).map_err(|e| ApiError::internal(&e))?;
    let body_answers_json =
        serde_json::to_string(&body.answers).map_err(|e| ApiError::internal(&e))?;
    let hash = hex(&Sha256::digest(
        format!(
            "{}\n{}\n{body_answers_json}\n{payload_json}",
            body.measure, body.kind
        )
        .as_bytes(),
    ));
    if let Some(found) = repeat(state, caller, key, &hash).await? {
        return Ok(found);
    }
    payload
        .agrees_with(measure, &body.answers)
        .map_err(ApiError::payload_contradicts)?;
    let answers =
        agree_with_account(state, caller, payload.complete(body.measure, &body.answers)).await?;
    already_granted(state, caller, body.measure, &payload).await?;
    let answers_json = serde_json::to_string(&answers).map_err(|e| ApiError::internal(&e))?;

    let as_of = state.as_of();
    let evaluation = evaluate(&catalog, &answers, as_of);
    let Some(result) = evaluation
        .results
        .iter()
        .find(|r| r.measure == body.measure)
    else {
        return Err(invalid("measure", "not in the catalog in force"));
    };
    let reasons = || -> Vec<ReasonView> {
        let one = shared::eligibility::Evaluation {
            as_of: evaluation.as_of,
            answers: evaluation.answers,
            size: evaluation.size,
            results: vec![result.clone()],
        };
        EligibilityResponse::render(&catalog, &one, lang)
            .results
            .into_iter()
            .flat_map(|r| r.reasons)
            .collect()
    };
    if result.status != Status::Eligible || result.how != How::Apply {
        return Err(ApiError::RefusedWithReasons {
            code: ErrorCode::NotEligible,
            message: format!(
                "{} is {} for these answers on {as_of}{}",
                body.measure,
                result.status,
                if result.how != How::Apply {
                    " (not filed here)"
                } else {
                    ""
                }
            ),
            reasons: reasons(),
        });
    }
    match &result.window {
        Some(w) if w.open => {}
        _ => {
            return Err(ApiError::RefusedWithReasons {
                code: ErrorCode::ApplicationWindowClosed,
                message: format!("requests for {} are not accepted on {as_of}", body.measure),
                reasons: reasons(),
            });
        }
    }

    // Routed by what it asks (the utilities and the landlord it names), one office leading.
    let routing = shared::eligibility::routing::route_filed(&catalog, measure, &answers, &payload);
    let now = state.now();
    let due_on = active
        .time_limits
        .due_in(&active.calendar, body.kind, beijing_day(now));
    let turn = state.write_turn().await;
    let txn = crate::store::begin_write(&state.db).await?;
    let inserted = store::insert(
        &txn,
        NewRequest {
            owner_id: caller.id,
            measure: body.measure,
            kind: body.kind,
            jurisdiction: answers.jurisdiction,
            routed_jurisdiction: routing.jurisdiction,
            departments: &routing.departments,
            lead: routing.lead,
            catalog_version: &catalog.version,
            answers: answers_json,
            payload: payload_json,
            due_on,
            at: now,
        },
    )
    .await;
    let record = match inserted {
        Ok(r) => r,
        Err(WriteError::Taken) => {
            txn.rollback().await?;
            // A concurrent filing with this key won the race: its request is the answer.
            if let Some(found) = repeat(state, caller, key, &hash).await? {
                return Ok(found);
            }
            return Err(ApiError::Refused {
                code: ErrorCode::OpenRequestExists,
                field: Some("measure"),
                message: format!(
                    "the business already has an open request for {}",
                    body.measure
                ),
            });
        }
        Err(WriteError::Db(e)) => return Err(e.into()),
    };
    match store::insert_key(&txn, caller.id, key, &hash, record.id, now).await {
        Ok(()) => {}
        Err(WriteError::Taken) => {
            txn.rollback().await?;
            return match repeat(state, caller, key, &hash).await? {
                Some(found) => Ok(found),
                None => Err(reused()),
            };
        }
        Err(WriteError::Db(e)) => return Err(e.into()),
    }
    let filed = EventRecord {
        at: now,
        actor_id: caller.id,
        actor_role: caller.role,
        kind: EventKind::Filed,
        from: None,
        to: RequestState::Submitted,
        comment: None,
        documents: Vec::new(),
        rules_revision,
        due_on: Some(due_on),
        paused_working_days: None,
    };
    announce(&txn, &record, filed.clone()).await?;
    txn.commit().await?;
    drop(turn);
    tracing::info!(request = %record.number, measure = %record.measure, "request filed");
    // Everything about the new request is known: nothing to read back.
    Ok(Filed {
        view: view_of(state, caller, record, vec![filed], Vec::new()).await?,
        created: true,
    })
}

/// The answers checked against the account's business: the kind of business registered is
/// the kind answered (filled in when the answers are silent), and a credit code whose first
/// two characters are `92` (GB 32100: registered by market regulation as an individual
/// business) is an individual business's.
async fn agree_with_account(
    state: &AppState,
    caller: &Caller,
    mut answers: shared::answers::Answers,
) -> Result<shared::answers::Answers, ApiError> {
    use shared::answers::EntityType;
    let Some(business) = users::business(&state.db, caller.id).await? else {
        return Ok(answers);
    };
    match answers.entity_type {
        Some(answered) if answered != business.entity_type => {
            return Err(ApiError::contradicts(
                "answers.entity_type",
                format!(
                    "is `{answered}` but the account's business is registered as `{}`: answer as the business licence says",
                    business.entity_type
                ),
            ));
        }
        Some(_) => {}
        None => answers.entity_type = Some(business.entity_type),
    }
    if business.credit_code.starts_with("92")
        && answers.entity_type != Some(EntityType::IndividualBusiness)
    {
        return Err(ApiError::contradicts(
            "answers.entity_type",
            "the account's credit code begins with 92: it is an individual business's (个体工商户)",
        ));
    }
    Ok(answers)
}

/// One relief per lease and period, per utility and month: a request approved for the same
/// lease (the same premises) or for a month of the same utility refuses another.
async fn already_granted(
    state: &AppState,
    caller: &Caller,
    measure: shared::MeasureId,
    payload: &Payload,
) -> Result<(), ApiError> {
    use shared::application::payload::UtilityDeferralPayload;
    let same_place = |a: &str, b: &str| {
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        squash(a) == squash(b)
    };
    for r in store::list_of_owner(&state.db, caller.id).await? {
        if r.measure != measure || r.status != RequestState::Approved {
            continue;
        }
        let earlier: serde_json::Value =
            serde_json::from_str(&r.payload).map_err(|e| ApiError::internal(&e))?;
        let clash = match payload {
            Payload::RentWaiver(p) => earlier["premises_address"]
                .as_str()
                .is_some_and(|a| same_place(a, &p.premises_address))
                .then(|| format!("the lease at {} (request {})", p.premises_address, r.number)),
            Payload::UtilityDeferral(p) => {
                serde_json::from_value::<UtilityDeferralPayload>(earlier)
                    .ok()
                    .and_then(|e| {
                        let month = p.months.iter().find(|m| e.months.contains(m))?;
                        let utility = p.utilities.iter().find(|u| e.utilities.contains(u))?;
                        Some(format!("{utility} for {month} (request {})", r.number))
                    })
            }
            Payload::SkillsReward(_) | Payload::EvaluationInstitution(_) => None,
        };
        if let Some(what) = clash {
            return Err(ApiError::Refused {
                code: ErrorCode::ReliefAlreadyGranted,
                field: Some("payload"),
                message: format!("{measure} was already granted for {what}"),
            });
        }
    }
    Ok(())
}

/// The request an earlier filing with this key made, or 422 for another body.
async fn repeat(
    state: &AppState,
    caller: &Caller,
    key: &str,
    hash: &str,
) -> Result<Option<Filed>, ApiError> {
    match store::find_key(&state.db, caller.id, key).await? {
        None => Ok(None),
        Some((stored, _)) if stored != hash => Err(reused()),
        Some((_, id)) => {
            let record = store::find(&state.db, id)
                .await?
                .ok_or(ApiError::NotFound("no such request"))?;
            Ok(Some(Filed {
                view: view(state, caller, record).await?,
                created: false,
            }))
        }
    }
}

/// Appends the event, and tells the owner (message) and the webhook (outbox).
async fn announce(
    txn: &DatabaseTransaction,
    record: &RequestRecord,
    event: EventRecord,
) -> Result<(), ApiError> {
    store::append_event(txn, record.id, &event).await?;
    if event.kind == EventKind::Attach {
        return Ok(());
    }
    notifications::insert_message(txn, record.owner_id, record.id, event.to, event.at).await?;
    let (request_id, number, owner_id) = (record.id, record.number.clone(), record.owner_id);
    notifications::enqueue(txn, record.id, event.kind.as_str(), event.at, |id| {
        serde_json::to_string(&WebhookEvent {
            delivery_id: i64::from(id),
            request_id: i64::from(request_id),
            number,
            event: event.kind,
            status: event.to,
            owner_id,
            at: event.at,
        })
        .unwrap_or_default()
    })
    .await?;
    Ok(())
}

/// Whether the caller may see a request: its owner, an official of a department it is routed
/// to in its jurisdiction, or a supervisor.
fn may_see(caller: &Caller, r: &RequestRecord) -> bool {
    match caller.role {
        Role::Applicant => r.owner_id == caller.id,
        Role::Official => {
            caller
                .department
                .is_some_and(|d| r.departments.contains(&d))
                && r.jurisdiction
                    .is_some_and(|j| caller.jurisdictions.contains(&j))
        }
        Role::Supervisor => true,
        Role::Admin => false,
    }
}

/// Whether the caller is an official of a department that assists on a request another
/// department leads (牵头): they see it, and do not decide it.
fn assists(caller: &Caller, lead: Option<shared::catalog::DepartmentId>) -> bool {
    caller.role == Role::Official && lead.is_some() && caller.department != lead
}

/// A request the caller may see; 404 for any other (its existence is not told).
async fn visible(state: &AppState, caller: &Caller, id: i64) -> Result<RequestRecord, ApiError> {
    let id = i32::try_from(id).map_err(|_| ApiError::NotFound("no such request"))?;
    match store::find(&state.db, id).await? {
        Some(r) if may_see(caller, &r) => Ok(r),
        _ => Err(ApiError::NotFound("no such request")),
    }
}

async fn view(
    state: &AppState,
    caller: &Caller,
    r: RequestRecord,
) -> Result<RequestView, ApiError> {
    let history = store::events(&state.db, r.id).await?;
    let documents = store::documents(&state.db, r.id).await?;
    view_of(state, caller, r, history, documents).await
}

async fn view_of(
    state: &AppState,
    caller: &Caller,
    r: RequestRecord,
    history: Vec<EventRecord>,
    documents: Vec<store::DocumentRecord>,
) -> Result<RequestView, ApiError> {
    let business_name = users::business(&state.db, r.owner_id)
        .await?
        .map(|b| b.business_name)
        .unwrap_or_default();
    let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s);
    let answers = serde_json::from_str(&r.answers).map_err(|e| ApiError::internal(&e))?;
    let payload = parse(&r.payload).map_err(|e| ApiError::internal(&e))?;
    let grant: Option<Grant> = r
        .grant
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| ApiError::internal(&e))?;
    Ok(RequestView {
        id: i64::from(r.id),
        number: r.number,
        measure: r.measure,
        kind: r.kind,
        status: r.status,
        version: r.version,
        business_name,
        departments: r.departments,
        lead_department: r.lead,
        jurisdiction: r.jurisdiction,
        catalog_version: r.catalog_version,
        filed_at: r.created_at,
        updated_at: r.updated_at,
        due_on: r.due_on,
        paused_on: r.paused_on,
        answers,
        payload,
        grant,
        allowed_actions: if assists(caller, r.lead) {
            Vec::new()
        } else {
            r.status.allowed(caller.role)
        },
        assignee_id: r
            .assignee_id
            .filter(|_| caller.role.is_staff())
            .map(i64::from),
        history: history
            .into_iter()
            // Notes between departments are theirs: owners see that a request changed hands,
            // not the note or to whom.
            .filter(|e| caller.role.is_staff() || e.kind != EventKind::Comment)
            .map(|e| EventView {
                at: e.at,
                kind: e.kind,
                actor_role: e.actor_role,
                actor_id: caller.role.is_staff().then_some(e.actor_id),
                from: e.from,
                to: e.to,
                comment: e
                    .comment
                    .filter(|_| caller.role.is_staff() || e.kind != EventKind::Handover),
                documents: e.documents,
                rules_revision: e.rules_revision.map(i64::from),
                due_on: e.due_on,
                paused_working_days: e.paused_working_days,
            })
            .collect(),
        documents: documents
            .into_iter()
            .map(|d| DocumentView {
                id: i64::from(d.id),
                purpose: d.purpose,
                doc_type: d.doc_type,
                size: d.size,
                uploaded_at: d.created_at,
            })
            .collect(),
    })
}

fn summary(r: RequestRecord) -> RequestSummary {
    RequestSummary {
        id: i64::from(r.id),
        number: r.number,
        measure: r.measure,
        kind: r.kind,
        status: r.status,
        version: r.version,
        jurisdiction: r.jurisdiction,
        filed_at: r.created_at,
        due_on: r.due_on,
    }
}

pub async fn get(state: &AppState, caller: &Caller, id: i64) -> Result<RequestView, ApiError> {
    let r = visible(state, caller, id).await?;
    view(state, caller, r).await
}

/// The caller's own requests, newest first.
pub async fn mine(state: &AppState, caller: &Caller) -> Result<Vec<RequestSummary>, ApiError> {
    Ok(store::list_of_owner(&state.db, caller.id)
        .await?
        .into_iter()
        .map(summary)
        .collect())
}

fn transition_error(e: TransitionError) -> ApiError {
    ApiError::Refused {
        code: ErrorCode::InvalidTransition,
        field: Some("action"),
        message: e.to_string(),
    }
}

fn conflict() -> ApiError {
    ApiError::Refused {
        code: ErrorCode::VersionConflict,
        field: None,
        message: "the request changed since it was read (If-Match is stale); reload it".into(),
    }
}

/// Parses `If-Match: <version>` (quotes allowed); 400 otherwise.
/// `3`, `"3"` or `W/"3"` (what the OpenAPI document's pattern says: 1 to 9 digits).
pub fn parse_version(header: Option<&str>) -> Result<Option<i32>, ApiError> {
    header
        .map(|h| {
            let h = h.trim();
            let h = h.strip_prefix("W/").unwrap_or(h);
            let digits = match h.strip_prefix('"') {
                Some(rest) => rest.strip_suffix('"').unwrap_or("x"),
                None => h,
            };
            let well_formed =
                (1..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
            well_formed
                .then(|| digits.parse::<i32>().ok())
                .flatten()
                .ok_or_else(|| invalid("If-Match", "must be the request's version, e.g. `3`"))
        })
        .transpose()
}

/// One step asked of a request.
struct Step<'a> {
    action: Action,
    /// The version it was asked on.
    version: i32,
    note: Option<String>,
    documents: Vec<i64>,
    grant: Option<&'a Grant>,
}

/// Moves a request by a step, compare-and-swap on its version.
async fn act(
    state: &AppState,
    caller: &Caller,
    r: RequestRecord,
    step: Step<'_>,
) -> Result<RequestView, ApiError> {
    let Step {
        action,
        version,
        note,
        documents,
        grant,
    } = step;
    if r.version != version {
        return Err(conflict());
    }
    let to = transition(r.status, action, caller.role).map_err(transition_error)?;
    let grant_json = grant
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| ApiError::internal(&e))?;
    let now = state.now();
    let (timing, paused_working_days) = timing(state, &r, to);
    let turn = state.write_turn().await;
    let txn = crate::store::begin_write(&state.db).await?;
    if !store::change_status(&txn, r.id, version, r.status, to, grant_json, timing, now).await? {
        txn.rollback().await?;
        return Err(conflict());
    }
    announce(
        &txn,
        &r,
        EventRecord {
            at: now,
            actor_id: caller.id,
            actor_role: caller.role,
            kind: action.into(),
            from: Some(r.status),
            to,
            comment: note,
            documents,
            rules_revision: i32::try_from(state.active().revision).ok(),
            due_on: paused_working_days.and(timing.map(|t| t.due_on)),
            paused_working_days,
        },
    )
    .await?;
    txn.commit().await?;
    drop(turn);
    tracing::info!(request = %r.number, %action, from = %r.status, %to, "request moved");
    let r = store::find(&state.db, r.id)
        .await?
        .ok_or(ApiError::NotFound("no such request"))?;
    view(state, caller, r).await
}

/// How a step moves the time limit (补正): asking the owner for more stops it on today's
/// date (Beijing's); the owner's answer (or a withdrawal) starts it again, the due date moved
/// by the working days spent waiting. Other steps leave it.
fn timing(
    state: &AppState,
    r: &RequestRecord,
    to: RequestState,
) -> (Option<store::Timing>, Option<u32>) {
    let today = state.today();
    match (r.status, to) {
        (RequestState::NeedsInfo, RequestState::NeedsInfo) => (None, None),
        (_, RequestState::NeedsInfo) => (
            Some(store::Timing {
                due_on: r.due_on,
                paused_on: Some(today),
            }),
            None,
        ),
        (RequestState::NeedsInfo, _) => {
            let calendar = &state.active().calendar;
            let since = r.paused_on.unwrap_or(today);
            let waited = calendar.working_days_between(since, today);
            (
                Some(store::Timing {
                    due_on: calendar.add_working_days(r.due_on, waited),
                    paused_on: None,
                }),
                Some(waited),
            )
        }
        _ => (None, None),
    }
}

/// An official's decision: review, ask, approve (with what it grants) or reject.
pub async fn decide(
    state: &AppState,
    caller: &Caller,
    id: i64,
    version: Option<i32>,
    body: DecisionRequest,
) -> Result<RequestView, ApiError> {
    let r = visible(state, caller, id).await?;
    if assists(caller, r.lead) {
        return Err(ApiError::Forbidden(
            "another department leads this request (牵头) and decides it; yours assists",
        ));
    }
    let version = version.ok_or_else(|| {
        invalid(
            "If-Match",
            "send `If-Match: <version>` with the version the decision was made on",
        )
    })?;
    if !matches!(
        body.action,
        Action::Review | Action::Ask | Action::Approve | Action::Reject
    ) {
        return Err(invalid(
            "action",
            "officials review, ask, approve or reject",
        ));
    }
    let note = comment(body.comment)?;
    if matches!(body.action, Action::Ask | Action::Reject) && note.is_none() {
        return Err(invalid("comment", "say what is needed, or why not"));
    }
    match (&body.action, &body.grant) {
        (Action::Approve, None) => {
            return Err(invalid("grant", "an approval says what it grants"));
        }
        (Action::Approve, Some(g)) => check_grant(&r, g)?,
        (_, Some(_)) => return Err(invalid("grant", "only an approval grants")),
        (_, None) => {}
    }
    let step = Step {
        action: body.action,
        version,
        note,
        documents: Vec::new(),
        grant: body.grant.as_ref(),
    };
    act(state, caller, r, step).await
}

/// The owner answers officials' question, or withdraws the request.
pub async fn owner_act(
    state: &AppState,
    caller: &Caller,
    id: i64,
    action: Action,
    version: Option<i32>,
    body: OwnerActionRequest,
) -> Result<RequestView, ApiError> {
    let r = visible(state, caller, id).await?;
    if caller.role != Role::Applicant {
        return Err(ApiError::Forbidden("only the owner answers or withdraws"));
    }
    let note = comment(body.comment)?;
    if action == Action::Answer && note.is_none() && body.documents.is_empty() {
        return Err(invalid("comment", "answer with a comment or documents"));
    }
    let known = store::documents(&state.db, r.id).await?;
    if let Some(d) = body
        .documents
        .iter()
        .find(|d| !known.iter().any(|k| i64::from(k.id) == **d))
    {
        return Err(invalid(
            "documents",
            format!("document {d} is not on this request"),
        ));
    }
    let version = version.unwrap_or(r.version);
    let step = Step {
        action,
        version,
        note,
        documents: body.documents,
        grant: None,
    };
    act(state, caller, r, step).await
}

/// A request an upload may go to, and the most bytes the document may have.
pub struct UploadSlot {
    request: RequestRecord,
    pub max_bytes: usize,
    /// Whether `max_bytes` is the owner's remaining quota rather than the document limit.
    pub quota_bound: bool,
}

fn quota(message: String) -> ApiError {
    ApiError::Refused {
        code: ErrorCode::DocumentQuota,
        field: Some("body"),
        message,
    }
}

/// Whether one more document of `size` bytes fits: the request holds `held`, the owner
/// stores `stored` bytes.
fn room_for(state: &AppState, held: u64, stored: u64, size: u64) -> Result<(), ApiError> {
    if held >= u64::from(state.documents_per_request) {
        return Err(quota(format!(
            "the request holds {held} documents, the most allowed"
        )));
    }
    if stored.saturating_add(size) > state.document_bytes_per_owner {
        return Err(quota(format!(
            "your documents take {stored} bytes; {size} more would pass the {} one business may store",
            state.document_bytes_per_owner
        )));
    }
    Ok(())
}

/// Checks an upload before its body is read: the caller's own open request, with room for
/// one more document, and bytes left in the owner's quota. Nothing of the body is read for a
/// request the caller may not add to (an attacker's 10 MiB bodies to other requests cost
/// nothing).
pub async fn may_upload(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<UploadSlot, ApiError> {
    let r = visible(state, caller, id).await?;
    if caller.role != Role::Applicant {
        return Err(ApiError::Forbidden("only the owner adds documents"));
    }
    if !r.status.is_open() {
        return Err(ApiError::Refused {
            code: ErrorCode::InvalidTransition,
            field: None,
            message: format!(
                "documents cannot be added to a request that is {}",
                r.status
            ),
        });
    }
    let (held, stored) = store::document_usage(&state.db, r.id, caller.id).await?;
    // Room for at least one byte more.
    room_for(state, held, stored, 1)?;
    let left = state.document_bytes_per_owner.saturating_sub(stored);
    let left = usize::try_from(left).unwrap_or(usize::MAX);
    Ok(UploadSlot {
        request: r,
        max_bytes: state.document_max_bytes.min(left),
        quota_bound: left < state.document_max_bytes,
    })
}

/// Stores a document for an open request of the caller's (owners only), in the slot
/// [`may_upload`] gave; the quotas are counted again as it is recorded.
pub async fn upload(
    state: &AppState,
    caller: &Caller,
    slot: UploadSlot,
    purpose: DocumentPurpose,
    bytes: &[u8],
) -> Result<DocumentView, ApiError> {
    let r = slot.request;
    let doc_type = DocumentType::sniff(bytes).ok_or_else(|| ApiError::Refused {
        code: ErrorCode::UnsupportedDocumentType,
        field: Some("body"),
        message: "the file is not a JPEG, PNG, HEIC, WebP image nor a PDF (judged by its content)"
            .into(),
    })?;
    let name = format!("{}.{}", random_hex(16)?, doc_type.extension());
    let sha = hex(&Sha256::digest(bytes));
    state
        .documents
        .put(&name, bytes)
        .await
        .map_err(|e| ApiError::internal(&e))?;
    let now: DateTime<Utc> = state.now();
    let stored = async {
        let _turn = state.write_turn().await;
        let txn = crate::store::begin_write(&state.db).await?;
        // Counted again under the owner's lock: uploads sent at once stay within the quotas.
        crate::store::advisory_lock(&txn, crate::store::LockKind::Documents, caller.id).await?;
        let (held, stored) = store::document_usage(&txn, r.id, caller.id).await?;
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if let Err(refused) = room_for(state, held, stored, size) {
            txn.rollback().await?;
            return Ok(Err(refused));
        }
        let doc_id = store::insert_document(
            &txn,
            NewDocument {
                request_id: r.id,
                uploader_id: caller.id,
                purpose,
                doc_type,
                size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
                storage_name: &name,
                sha256: &sha,
                at: now,
            },
        )
        .await?;
        store::append_event(
            &txn,
            r.id,
            &EventRecord {
                at: now,
                actor_id: caller.id,
                actor_role: caller.role,
                kind: EventKind::Attach,
                from: Some(r.status),
                to: r.status,
                comment: None,
                documents: vec![i64::from(doc_id)],
                rules_revision: i32::try_from(state.active().revision).ok(),
                due_on: None,
                paused_working_days: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok::<Result<i32, ApiError>, sea_orm::DbErr>(Ok(doc_id))
    }
    .await;
    let doc_id = match stored {
        Ok(Ok(id)) => id,
        Ok(Err(refused)) => {
            let _ = state.documents.delete(&name).await;
            return Err(refused);
        }
        Err(e) => {
            let _ = state.documents.delete(&name).await;
            return Err(e.into());
        }
    };
    Ok(DocumentView {
        id: i64::from(doc_id),
        purpose,
        doc_type,
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        uploaded_at: now,
    })
}

/// A document of a request the caller may see: its type, a download name and its bytes.
pub async fn download(
    state: &AppState,
    caller: &Caller,
    id: i64,
    doc_id: i64,
) -> Result<(DocumentType, String, Vec<u8>), ApiError> {
    let r = visible(state, caller, id).await?;
    let doc_id = i32::try_from(doc_id).map_err(|_| ApiError::NotFound("no such document"))?;
    let d = store::find_document(&state.db, r.id, doc_id)
        .await?
        .ok_or(ApiError::NotFound("no such document"))?;
    let bytes = state
        .documents
        .get(&d.storage_name)
        .await
        .map_err(|e| ApiError::internal(&e))?;
    let filename = format!(
        "{}-{}-{}.{}",
        r.number,
        d.purpose,
        d.id,
        d.doc_type.extension()
    );
    Ok((d.doc_type, filename, bytes))
}

/// The owner's phone number and credit code, unmasked, for an official the request is
/// routed to or a supervisor; each reading is written to the audit log (masked there).
pub async fn contact(
    state: &AppState,
    caller: &Caller,
    client: &crate::extract::ClientAddr,
    id: i64,
) -> Result<shared::api::desk::ContactView, ApiError> {
    if !caller.role.is_staff() {
        return Err(ApiError::NotFound("no such request"));
    }
    let r = visible(state, caller, id).await?;
    let owner = users::find(&state.db, r.owner_id)
        .await?
        .ok_or(ApiError::NotFound("no such request"))?;
    let credit_code = users::business(&state.db, r.owner_id)
        .await?
        .map(|b| b.credit_code)
        .unwrap_or_default();
    {
        let _turn = state.write_turn().await;
        crate::store::audit::record(
            &state.db,
            state.now(),
            crate::store::audit::AuditEntry {
                actor_id: Some(caller.id),
                actor_role: Some(caller.role.as_str().into()),
                action: "contact_revealed".into(),
                target_id: Some(r.id),
                phone_masked: Some(shared::account::phone::mask(&owner.phone)),
                client_addr: Some(client.0.clone()),
                detail: Some(format!("request {}", r.number)),
            },
        )
        .await?;
    }
    Ok(shared::api::desk::ContactView {
        request_id: i64::from(r.id),
        phone: owner.phone,
        credit_code,
    })
}

/// Approves each request of a batch as if it were approved alone: visibility, version,
/// state machine and grant checked, one transaction and one history event per step; a
/// submitted request is taken into review first. A refusal of one does not stop the others.
pub async fn approve_batch(
    state: &AppState,
    caller: &Caller,
    body: shared::api::desk::BatchApprovalRequest,
) -> Result<shared::api::desk::BatchApprovalResponse, ApiError> {
    use shared::api::desk::{BATCH_MAX, BatchOutcome};
    if caller.role != Role::Official {
        return Err(ApiError::Forbidden("only officials decide requests"));
    }
    if body.items.is_empty() || body.items.len() > BATCH_MAX {
        return Err(invalid("items", format!("1 to {BATCH_MAX} requests")));
    }
    let mut seen = std::collections::BTreeSet::new();
    if let Some(twice) = body.items.iter().find(|i| !seen.insert(i.id)) {
        return Err(invalid(
            "items",
            format!("request {} is listed twice", twice.id),
        ));
    }
    let note = comment(body.comment)?;
    let mut results = Vec::with_capacity(body.items.len());
    for item in body.items {
        let outcome = approve_one(state, caller, &item, note.clone()).await;
        results.push(match outcome {
            Ok(view) => BatchOutcome {
                id: item.id,
                approved: true,
                status: Some(view.status),
                version: Some(view.version),
                error: None,
            },
            Err(e) => {
                if let ApiError::Internal(cause) = &e {
                    tracing::error!(request = item.id, %cause, "batch approval failed");
                }
                let now = match visible(state, caller, item.id).await {
                    Ok(r) => Some((r.status, r.version)),
                    Err(_) => None,
                };
                BatchOutcome {
                    id: item.id,
                    approved: false,
                    status: now.map(|(s, _)| s),
                    version: now.map(|(_, v)| v),
                    error: Some(e.detail()),
                }
            }
        });
    }
    tracing::info!(
        approved = results.iter().filter(|r| r.approved).count(),
        refused = results.iter().filter(|r| !r.approved).count(),
        "batch approval"
    );
    Ok(shared::api::desk::BatchApprovalResponse { results })
}

async fn approve_one(
    state: &AppState,
    caller: &Caller,
    item: &shared::api::desk::BatchApprovalItem,
    note: Option<String>,
) -> Result<RequestView, ApiError> {
    let r = visible(state, caller, item.id).await?;
    let mut version = item.version;
    if r.status == RequestState::Submitted && r.version == version {
        // Checked before anything is recorded: a grant that does not fit leaves it submitted.
        check_grant(&r, &item.grant)?;
        let reviewed = decide(
            state,
            caller,
            item.id,
            Some(version),
            DecisionRequest {
                action: Action::Review,
                comment: None,
                grant: None,
            },
        )
        .await?;
        version = reviewed.version;
    }
    decide(
        state,
        caller,
        item.id,
        Some(version),
        DecisionRequest {
            action: Action::Approve,
            comment: note,
            grant: Some(item.grant.clone()),
        },
    )
    .await
}

/// The grant the engine proposes for each selected request (its answers evaluated as a
/// filing is, in the rules in force), or why it is decided one by one; nothing is recorded.
pub async fn preview_batch(
    state: &AppState,
    caller: &Caller,
    body: shared::api::desk::BatchPreviewRequest,
) -> Result<shared::api::desk::BatchPreviewResponse, ApiError> {
    use shared::api::desk::{BATCH_MAX, BatchProposal};
    use shared::application::decision::NotRoutine;
    if caller.role != Role::Official {
        return Err(ApiError::Forbidden("only officials decide requests"));
    }
    if body.ids.is_empty() || body.ids.len() > BATCH_MAX {
        return Err(invalid("ids", format!("1 to {BATCH_MAX} requests")));
    }
    let mut seen = std::collections::BTreeSet::new();
    if let Some(twice) = body.ids.iter().find(|id| !seen.insert(**id)) {
        return Err(invalid("ids", format!("request {twice} is listed twice")));
    }
    let active = state.active();
    let as_of = state.as_of();
    let mut items = Vec::with_capacity(body.ids.len());
    for id in body.ids {
        let r = match visible(state, caller, id).await {
            Ok(r) => r,
            Err(ApiError::NotFound(_)) => continue,
            Err(e) => return Err(e),
        };
        let answers: shared::answers::Answers =
            serde_json::from_str(&r.answers).map_err(|e| ApiError::internal(&e))?;
        let payload: serde_json::Value =
            serde_json::from_str(&r.payload).map_err(|e| ApiError::internal(&e))?;
        let proposal = if r.status == RequestState::NeedsInfo {
            Err(NotRoutine::AwaitingOwner)
        } else if r.status.is_open() {
            let evaluation = evaluate(&active.catalog, &answers, as_of);
            evaluation
                .results
                .iter()
                .find(|m| m.measure == r.measure)
                .ok_or(NotRoutine::NotEligible)
                .and_then(|result| Grant::proposed(r.kind, result, &payload))
        } else {
            Err(NotRoutine::NotOpen)
        };
        let business_name = users::business(&state.db, r.owner_id)
            .await?
            .map(|b| b.business_name)
            .unwrap_or_default();
        let (grant, not_routine) = match proposal {
            Ok(g) => (Some(g), None),
            Err(n) => (None, Some(n)),
        };
        items.push(BatchProposal {
            id: i64::from(r.id),
            number: r.number,
            business_name,
            measure: r.measure,
            status: r.status,
            version: r.version,
            grant,
            not_routine,
        });
    }
    Ok(shared::api::desk::BatchPreviewResponse { items })
}

/// The officials who may take a request over from the caller: active, of the caller's
/// department, covering the request's jurisdiction.
pub async fn colleagues(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<shared::api::desk::ColleagueList, ApiError> {
    let r = visible(state, caller, id).await?;
    let (Role::Official, Some(department)) = (caller.role, caller.department) else {
        return Err(ApiError::Forbidden("only officials hand requests over"));
    };
    let items = users::officials_of(&state.db, department)
        .await?
        .into_iter()
        .filter(|u| {
            u.id != caller.id && r.jurisdiction.is_some_and(|j| u.jurisdictions.contains(&j))
        })
        .map(|u| shared::api::desk::ColleagueView {
            id: i64::from(u.id),
            phone_masked: shared::account::phone::mask(&u.phone),
            jurisdictions: u.jurisdictions,
        })
        .collect();
    Ok(shared::api::desk::ColleagueList { items })
}

fn check_grant(r: &RequestRecord, g: &Grant) -> Result<(), ApiError> {
    let filed: serde_json::Value =
        serde_json::from_str(&r.payload).map_err(|e| ApiError::internal(&e))?;
    g.validate(r.kind, r.measure)
        .and_then(|()| g.agrees_with(&filed))
        .map_err(ApiError::payload)
}

/// A note between the departments a request is routed to (an official of any of them, the
/// request open): appended to the history, the state unchanged, the owner neither told nor
/// shown it.
pub async fn add_comment(
    state: &AppState,
    caller: &Caller,
    id: i64,
    body: shared::api::desk::CommentRequest,
) -> Result<RequestView, ApiError> {
    let r = visible(state, caller, id).await?;
    if caller.role != Role::Official {
        return Err(ApiError::Forbidden(
            "only officials of the departments comment",
        ));
    }
    if !r.status.is_open() {
        return Err(ApiError::Refused {
            code: ErrorCode::InvalidTransition,
            field: None,
            message: format!("a request that is {} takes no more comments", r.status),
        });
    }
    let note = comment(Some(body.comment))?.ok_or_else(|| invalid("comment", "say something"))?;
    {
        let _turn = state.write_turn().await;
        let txn = crate::store::begin_write(&state.db).await?;
        store::append_event(
            &txn,
            r.id,
            &EventRecord {
                at: state.now(),
                actor_id: caller.id,
                actor_role: caller.role,
                kind: EventKind::Comment,
                from: Some(r.status),
                to: r.status,
                comment: Some(note),
                documents: Vec::new(),
                rules_revision: i32::try_from(state.active().revision).ok(),
                due_on: None,
                paused_working_days: None,
            },
        )
        .await?;
        txn.commit().await?;
    }
    tracing::info!(request = %r.number, department = ?caller.department, "department comment");
    view(state, caller, r).await
}

/// Hands an open request to a colleague: an official of the caller's department, to which
/// the request is routed, covering its jurisdiction. The state is unchanged; the history
/// records who handed it to whom.
pub async fn handover(
    state: &AppState,
    caller: &Caller,
    id: i64,
    body: shared::api::desk::HandoverRequest,
) -> Result<RequestView, ApiError> {
    let r = visible(state, caller, id).await?;
    if caller.role != Role::Official {
        return Err(ApiError::Forbidden("only officials hand requests over"));
    }
    if !r.status.is_open() {
        return Err(ApiError::Refused {
            code: ErrorCode::InvalidTransition,
            field: None,
            message: format!("a request that is {} is not handed over", r.status),
        });
    }
    let note = comment(body.comment)?;
    let not_colleague = || {
        invalid(
            "to",
            "not an active official of your department covering the request's jurisdiction",
        )
    };
    let to = i32::try_from(body.to).map_err(|_| not_colleague())?;
    if to == caller.id {
        return Err(invalid("to", "hand it to someone else"));
    }
    let colleague = users::find(&state.db, to)
        .await?
        .ok_or_else(not_colleague)?;
    let fits = colleague.role == Role::Official
        && !colleague.disabled
        && colleague.department.is_some()
        && colleague.department == caller.department
        && r.jurisdiction
            .is_some_and(|j| colleague.jurisdictions.contains(&j));
    if !fits {
        return Err(not_colleague());
    }
    let now = state.now();
    {
        let _turn = state.write_turn().await;
        let txn = crate::store::begin_write(&state.db).await?;
        store::set_assignee(&txn, r.id, to).await?;
        store::append_event(
            &txn,
            r.id,
            &EventRecord {
                at: now,
                actor_id: caller.id,
                actor_role: caller.role,
                kind: EventKind::Handover,
                from: Some(r.status),
                to: r.status,
                comment: Some(match note {
                    Some(n) => format!("→ #{to}: {n}"),
                    None => format!("→ #{to}"),
                }),
                documents: Vec::new(),
                rules_revision: i32::try_from(state.active().revision).ok(),
                due_on: None,
                paused_working_days: None,
            },
        )
        .await?;
        txn.commit().await?;
    }
    tracing::info!(request = %r.number, to, "request handed over");
    let r = store::find(&state.db, r.id)
        .await?
        .ok_or(ApiError::NotFound("no such request"))?;
    view(state, caller, r).await
}
