//! The officials' desk: the queue, as each caller may see it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use shared::account::Role;
use shared::account::phone::mask;
use shared::api::desk::{
    QUEUE_DEFAULT_LIMIT, QUEUE_MAX_LIMIT, QueueFilter, QueueItem, QueueResponse, QueueSort,
};
use shared::application::{Calendar, DeadlineState, RequestState, beijing_day};
use shared::credit_code::mask_credit_code;

use crate::AppState;
use crate::services::Actor;
use crate::services::Error;
use crate::services::tokens::hex;
use crate::store::desk::{self as store, After, QueueRow, Scope};

/// What the caller may see: an official their routing, supervisors and administrators all.
pub fn scope(caller: &Actor) -> Result<Scope, Error> {
    match caller.role {
        Role::Official => Ok(Scope::Routed {
            department: caller
                .department
                .ok_or(Error::Forbidden("an official without a department"))?,
            jurisdictions: caller.jurisdictions.clone(),
        }),
        Role::Supervisor | Role::Admin => Ok(Scope::All),
        Role::Applicant => Err(Error::Forbidden("your role does not allow this")),
    }
}

/// The cursor is opaque to clients: hex of `<filed at, ns>:<id>` (the filing orders),
/// `o<0 or 1>:<last day>:<id>` (an open request in the due order: waiting for the department
/// or the owner) or `c<closed at, ns>:<id>` (a closed one in the due order).
pub fn encode_cursor(a: After) -> String {
    let nanos = |at: DateTime<Utc>| {
        at.timestamp_nanos_opt()
            .unwrap_or_else(|| at.timestamp_micros().saturating_mul(1000))
    };
    let text = match a {
        After::Filed { at, id } => format!("{}:{id}", nanos(at)),
        After::Open { waiting, due, id } => {
            format!("o{}:{}:{id}", u8::from(waiting), due.format("%Y-%m-%d"))
        }
        After::Closed { at, id } => format!("c{}:{id}", nanos(at)),
    };
    hex(text.as_bytes())
}

pub fn decode_cursor(s: &str) -> Result<After, Error> {
    let bad = || Error::field("cursor", "send back the `next_cursor` of the previous page");
    if !s.len().is_multiple_of(2) || s.len() > 128 {
        return Err(bad());
    }
    let bytes = (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(bad)?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (key, id) = text.rsplit_once(':').ok_or_else(bad)?;
    let id: i32 = id.parse().map_err(|_| bad())?;
    let at = |nanos: &str| {
        nanos
            .parse::<i64>()
            .map(DateTime::<Utc>::from_timestamp_nanos)
            .map_err(|_| bad())
    };
    if let Some(open) = key.strip_prefix('o') {
        let (group, due) = open.split_once(':').ok_or_else(bad)?;
        let waiting = match group {
            "0" => false,
            "1" => true,
            _ => return Err(bad()),
        };
        let due = chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d").map_err(|_| bad())?;
        return Ok(After::Open { waiting, due, id });
    }
    if let Some(closed) = key.strip_prefix('c') {
        return Ok(After::Closed {
            at: at(closed)?,
            id,
        });
    }
    Ok(After::Filed { at: at(key)?, id })
}

/// A row's last day as of `today`: while the department waits on the owner the time limit
/// stands still, so the day moves on with each working day waited.
pub fn due_as_of(calendar: &Calendar, r: &QueueRow, today: chrono::NaiveDate) -> chrono::NaiveDate {
    match (r.status, r.paused_on) {
        (RequestState::NeedsInfo, Some(paused_on)) => {
            calendar.due_while_paused(r.due_on, paused_on, today)
        }
        _ => r.due_on,
    }
}

/// The deadline state of a row on `today`, on the calendar in force.
pub fn deadline(calendar: &Calendar, r: &QueueRow, today: chrono::NaiveDate) -> DeadlineState {
    if r.status.is_open() {
        DeadlineState::of_open_in(calendar, due_as_of(calendar, r, today), today)
    } else {
        DeadlineState::of_closed(r.due_on, beijing_day(r.updated_at))
    }
}

fn item(
    calendar: &Calendar,
    r: QueueRow,
    today: chrono::NaiveDate,
    owner_answered: bool,
) -> QueueItem {
    let deadline_state = deadline(calendar, &r, today);
    let due_at = due_as_of(calendar, &r, today);
    QueueItem {
        id: i64::from(r.id),
        number: r.number,
        status: r.status,
        version: r.version,
        measure: r.measure,
        kind: r.kind,
        business_name: r.business_name,
        credit_code: mask_credit_code(&r.credit_code),
        phone: mask(&r.phone),
        jurisdiction: r.jurisdiction,
        submitted_at: r.created_at,
        due_at,
        deadline_state,
        owner_answered,
    }
}

/// One page of the queue with the counts per status.
pub async fn queue(
    state: &AppState,
    caller: &Actor,
    filter: &QueueFilter,
    cursor: Option<&str>,
    limit: Option<u64>,
) -> Result<QueueResponse, Error> {
    let scope = scope(caller)?;
    let limit = limit.unwrap_or(QUEUE_DEFAULT_LIMIT);
    if !(1..=QUEUE_MAX_LIMIT).contains(&limit) {
        return Err(Error::field(
            "limit",
            format!("from 1 to {QUEUE_MAX_LIMIT}"),
        ));
    }
    // The desk's order unless another is asked for: by the last day, the overdue first.
    let filter = &QueueFilter {
        sort: Some(filter.sort.unwrap_or(QueueSort::Due)),
        ..filter.clone()
    };
    let sort = filter.sort.unwrap_or(QueueSort::Due);
    let after = cursor
        .filter(|c| !c.is_empty())
        .map(decode_cursor)
        .transpose()?;
    if after.is_some_and(|a| !a.fits(sort)) {
        return Err(Error::field(
            "cursor",
            "this cursor is of another order: send back the `next_cursor` of the previous page with the same `sort`",
        ));
    }
    let today = state.today();
    // One more than asked tells whether there is a next page.
    let selection = store::Selection::new(&state.db, &scope, filter, today).await?;
    let mut rows = store::page(&state.db, &selection, after, Some(limit + 1)).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = more
        .then(|| rows.last().map(|r| encode_cursor(After::row(r, sort))))
        .flatten();
    let waiting: Vec<i32> = rows
        .iter()
        .filter(|r| r.status == RequestState::InReview)
        .map(|r| r.id)
        .collect();
    let answered = store::answered(&state.db, &waiting).await?;
    let mut counts: BTreeMap<RequestState, u64> =
        RequestState::ALL.iter().map(|s| (*s, 0)).collect();
    for (s, n) in store::counts(&state.db, &selection).await? {
        counts.insert(s, n);
    }
    let active = state.active();
    let items: Vec<QueueItem> = rows
        .into_iter()
        .map(|r| {
            let owner_answered = answered.contains(&r.id);
            item(&active.calendar, r, today, owner_answered)
        })
        .collect();
    let open_due = items
        .iter()
        .filter(|i| i.status.is_open())
        .map(|i| i.due_at);
    Ok(QueueResponse {
        unrecorded_holiday_years: crate::services::rules::unrecorded_holiday_years(
            &active, today, open_due,
        ),
        items,
        next_cursor,
        counts,
        notices: crate::services::notices::open_for(state, caller).await?,
    })
}
