//! Filing a request: checked, evaluated again on the server with the rules in force, routed
//! and recorded once per idempotency key.

use sha2::{Digest, Sha256};
use shared::api::requests::FileRequest;
use shared::api::{EligibilityResponse, ReasonView};
use shared::application::beijing_day;
use shared::application::{EventKind, Payload, RequestState};
use shared::catalog::How;
use shared::{Lang, Status, evaluate};

use crate::AppState;
use crate::services::Actor;
use crate::services::tokens::hex;
use crate::services::{Error, RequestError};
use crate::store::requests::{self as store, EventRecord, NewRequest};
use crate::store::{WriteError, users};

use super::idempotency::{Filed, repeat, reused};
use super::read::view_of;
use super::{events, invalid};

/// Files a request (owners only): validated, re-evaluated on the server's date with the
/// catalog in force, routed, stored with its answers.
pub async fn file(
    state: &AppState,
    caller: &Actor,
    key: &str,
    body: FileRequest,
    lang: Lang,
) -> Result<Filed, RequestError> {
    // One catalog, calendar and set of time limits for the whole filing, even if an
    // administrator records a fact or setting meanwhile.
    let active = state.active();
    let catalog = active.catalog.clone();
    catalog
        .check_answers(&body.answers, "answers.")
        .map_err(|e| invalid(e.field, e.problem))?;
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
        .map_err(RequestError::payload)?;
    let payload_json = serde_json::to_string(&payload).map_err(|e| Error::internal(&e))?;
    let body_answers_json =
        serde_json::to_string(&body.answers).map_err(|e| Error::internal(&e))?;
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
        .map_err(RequestError::payload_contradicts)?;
    let answers =
        agree_with_account(state, caller, payload.complete(body.measure, &body.answers)).await?;
    already_granted(state, caller, body.measure, &payload).await?;
    let answers_json = serde_json::to_string(&answers).map_err(|e| Error::internal(&e))?;

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
            catalog: evaluation.catalog,
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
        return Err(RequestError::NotEligible {
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
            return Err(RequestError::WindowClosed {
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
    let outcome = crate::store::write(&state.writer, async |txn| {
        let inserted = store::insert(
            txn,
            NewRequest {
                owner_id: caller.id,
                measure: body.measure,
                kind: body.kind,
                jurisdiction: answers
                    .choice::<shared::answers::JurisdictionId>(shared::answers::keys::JURISDICTION),
                routed_jurisdiction: routing.jurisdiction,
                departments: &routing.departments,
                lead: routing.lead,
                catalog_version: &catalog.version,
                answers: answers_json,
                payload: payload_json,
                due_on,
                at: now,
                source: shared::api::publicity::Source::parse(body.source.as_deref()).code(),
            },
        )
        .await;
        let record = match inserted {
            Ok(r) => r,
            Err(WriteError::Taken) => return Err(Unrecorded::Clash(Clash::OpenRequest)),
            Err(WriteError::Db(e)) => return Err(e.into()),
        };
        match store::insert_key(txn, caller.id, key, &hash, record.id, now).await {
            Ok(()) => {}
            Err(WriteError::Taken) => return Err(Unrecorded::Clash(Clash::Key)),
            Err(WriteError::Db(e)) => return Err(e.into()),
        }
        events::record(txn, &record, &filed).await?;
        Ok(record)
    })
    .await;
    let record = match outcome {
        Ok(record) => record,
        Err(Unrecorded::Db(e)) => return Err(e.into()),
        // A concurrent filing with this key won the race: its request is the answer.
        Err(Unrecorded::Clash(clash)) => {
            return match (repeat(state, caller, key, &hash).await?, clash) {
                (Some(found), _) => Ok(found),
                (None, Clash::Key) => Err(reused()),
                (None, Clash::OpenRequest) => Err(RequestError::OpenRequest {
                    measure: body.measure.to_string(),
                }),
            };
        }
    };
    tracing::info!(request = %record.number, measure = %record.measure, "request filed");
    // Everything about the new request is known: nothing to read back.
    Ok(Filed {
        view: view_of(state, caller, record, vec![filed], Vec::new()).await?,
        created: true,
    })
}

/// Why a filing was not recorded (its transaction rolled back).
enum Unrecorded {
    Clash(Clash),
    Db(sea_orm::DbErr),
}

impl From<sea_orm::DbErr> for Unrecorded {
    fn from(e: sea_orm::DbErr) -> Unrecorded {
        Unrecorded::Db(e)
    }
}

/// The unique index that refused a filing.
enum Clash {
    /// The business's open request for the measure.
    OpenRequest,
    /// The owner's idempotency key.
    Key,
}

/// The answers checked against the account's business: the kind of business registered is
/// the kind answered (filled in when the answers are silent), and a credit code whose first
/// two characters are `92` (GB 32100: registered by market regulation as an individual
/// business) is an individual business's.
async fn agree_with_account(
    state: &AppState,
    caller: &Actor,
    mut answers: shared::answers::Answers,
) -> Result<shared::answers::Answers, RequestError> {
    use shared::answers::{EntityType, keys};
    let Some(business) = users::business(&state.db, caller.id).await? else {
        return Ok(answers);
    };
    let Some(credit_code) = business.credit_code.as_deref() else {
        // A request is filed in the name of a business its code identifies.
        return Err(RequestError::CodeUnconfirmed);
    };
    match answers.choice::<EntityType>(keys::ENTITY_TYPE) {
        Some(answered) if answered != business.entity_type => {
            return Err(Error::contradicts(
                "answers.entity_type",
                format!(
                    "is `{answered}` but the account's business is registered as `{}`: answer as the business licence says",
                    business.entity_type
                ),
            ).into());
        }
        Some(_) => {}
        None => answers.set(keys::ENTITY_TYPE, business.entity_type.as_str()),
    }
    if credit_code.starts_with("92")
        && answers.choice::<EntityType>(keys::ENTITY_TYPE) != Some(EntityType::IndividualBusiness)
    {
        return Err(Error::contradicts(
            "answers.entity_type",
            "the account's credit code begins with 92: it is an individual business's (个体工商户)",
        )
        .into());
    }
    Ok(answers)
}

/// One relief per lease and period, per utility and month: a request approved for the same
/// lease (the same premises) or for a month of the same utility refuses another.
async fn already_granted(
    state: &AppState,
    caller: &Actor,
    measure: shared::MeasureId,
    payload: &Payload,
) -> Result<(), RequestError> {
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
            serde_json::from_str(&r.payload).map_err(|e| Error::internal(&e))?;
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
            return Err(RequestError::AlreadyGranted {
                measure: measure.to_string(),
                what,
            });
        }
    }
    Ok(())
}
