//! Reminders that fire once: 30, 7 and 1 days before a deferral's settle-by day the owner is
//! told what is still to settle (an in-app message) and the webhook fires. Each is a claimed
//! row written in the transaction that sends it, so a restart or a second server process
//! sends nothing twice; a reminder whose threshold passed unsent (the approval came later,
//! or the server was down) is replaced by the next one due, never sent late in a heap.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Utc};
use shared::answers::{JurisdictionId, Utility};
use shared::api::requests::{ReminderView, ReminderWebhook};
use shared::api::settings::Setting;
use shared::application::RequestState;
use shared::application::ledger;
use shared::application::payload::UtilityDeferralPayload;

use crate::AppState;
use crate::services::Error;
use crate::store::ledger::{self as store, EntryRecord};
use crate::store::notifications;

/// The days before a settle-by day an owner is reminded, nearest first.
pub const DAYS_BEFORE: [u32; 3] = [1, 7, 30];

/// The threshold a day `left` days away falls under: the nearest not passed.
pub fn threshold(left: u32) -> Option<u32> {
    DAYS_BEFORE.into_iter().find(|t| left <= *t)
}

/// Sends the reminders due today (Beijing) that no one has sent: how many were sent.
pub async fn send_due(state: &AppState) -> Result<usize, Error> {
    let today = state.today();
    let furthest = DAYS_BEFORE.iter().copied().max().unwrap_or(0);
    let horizon = today + chrono::Duration::days(i64::from(furthest));
    let mut sent = 0;
    for (request_id, due_on) in store::deferrals_due(&state.db, today, horizon).await? {
        let Some(left) = u32::try_from((due_on - today).num_days()).ok() else {
            continue;
        };
        let Some(days_before) = threshold(left) else {
            continue;
        };
        let Some(r) = crate::store::requests::find(&state.db, request_id).await? else {
            continue;
        };
        if r.status != RequestState::Approved {
            continue;
        }
        let entries = store::for_request(&state.db, request_id).await?;
        let posted: Vec<_> = entries.iter().map(EntryRecord::posted).collect();
        let outstanding = ledger::balance(&posted).outstanding_fen;
        if outstanding <= 0 {
            continue;
        }
        let reminder = ReminderView {
            due_on,
            outstanding_fen: outstanding,
            days_left: left,
            utility: None,
        };
        let now = state.now();
        let claimed = crate::store::write(&state.writer, async |txn| {
            if !store::claim_reminder(txn, r.id, due_on, days_before, now).await? {
                return Ok::<_, sea_orm::DbErr>(false);
            }
            notifications::insert_reminder_message(txn, r.owner_id, r.id, r.status, now, &reminder)
                .await?;
            notifications::enqueue(txn, r.id, "settle_reminder", now, |id| {
                webhook_body(id, &r, now, &reminder, "settle_reminder")
            })
            .await?;
            Ok(true)
        })
        .await?;
        if claimed {
            tracing::info!(request = %r.number, %due_on, days_before, "settle-by reminder sent");
            sent += 1;
        }
    }
    Ok(sent)
}

/// The day of the month each utility's cycle falls on in each county, as last recorded.
async fn cycles(state: &AppState) -> Result<HashMap<(Utility, JurisdictionId), u32>, Error> {
    let mut out = HashMap::new();
    for r in crate::store::settings::all(&state.db).await? {
        if let Setting::UtilityCycle {
            utility,
            county,
            day,
        } = r.setting
        {
            out.insert((utility, county), day);
        }
    }
    Ok(out)
}

/// Sends this month's reminders on the utilities' cycles (once the recorded day of the month
/// has come): to each owner still owing on a deferral of that utility in that county (a
/// unit within another takes the outer one's day when it has none of its own), once per
/// request, month and utility, whatever the restarts and the processes.
pub async fn send_cycle_due(state: &AppState) -> Result<usize, Error> {
    let cycles = cycles(state).await?;
    if cycles.is_empty() {
        return Ok(0);
    }
    let today = state.today();
    let month = format!("{:04}-{:02}", today.year(), today.month());
    let catalog = state.catalog();
    let mut sent = 0;
    let horizon = today + chrono::Duration::days(400);
    let mut seen = std::collections::HashSet::new();
    for (request_id, due_on) in store::deferrals_due(&state.db, today, horizon).await? {
        if !seen.insert(request_id) {
            continue;
        }
        let Some(r) = crate::store::requests::find(&state.db, request_id).await? else {
            continue;
        };
        let (RequestState::Approved, Some(county)) = (r.status, r.jurisdiction) else {
            continue;
        };
        let Ok(payload) = serde_json::from_str::<UtilityDeferralPayload>(&r.payload) else {
            continue;
        };
        let entries = store::for_request(&state.db, request_id).await?;
        let posted: Vec<_> = entries.iter().map(EntryRecord::posted).collect();
        let outstanding = ledger::balance(&posted).outstanding_fen;
        if outstanding <= 0 {
            continue;
        }
        let outer = catalog.jurisdiction(county).and_then(|j| j.within);
        for utility in payload.utilities {
            let day = cycles
                .get(&(utility, county))
                .or_else(|| outer.and_then(|o| cycles.get(&(utility, o))));
            if day.is_none_or(|d| today.day() < *d) {
                continue;
            }
            let reminder = ReminderView {
                due_on,
                outstanding_fen: outstanding,
                days_left: u32::try_from((due_on - today).num_days()).unwrap_or(0),
                utility: Some(utility),
            };
            let now = state.now();
            let claimed = crate::store::write(&state.writer, async |txn| {
                if !store::claim_cycle_reminder(txn, r.id, &month, utility.as_str(), now).await? {
                    return Ok::<_, sea_orm::DbErr>(false);
                }
                notifications::insert_reminder_message(
                    txn, r.owner_id, r.id, r.status, now, &reminder,
                )
                .await?;
                notifications::enqueue(txn, r.id, "cycle_reminder", now, |id| {
                    webhook_body(id, &r, now, &reminder, "cycle_reminder")
                })
                .await?;
                Ok(true)
            })
            .await?;
            if claimed {
                tracing::info!(request = %r.number, %month, utility = utility.as_str(), "utility-cycle reminder sent");
                sent += 1;
            }
        }
    }
    Ok(sent)
}

fn webhook_body(
    delivery: i32,
    r: &crate::store::requests::RequestRecord,
    at: DateTime<Utc>,
    reminder: &ReminderView,
    event: &str,
) -> String {
    serde_json::to_string(&ReminderWebhook {
        delivery_id: i64::from(delivery),
        request_id: i64::from(r.id),
        number: r.number.clone(),
        event: event.into(),
        owner_id: r.owner_id,
        at,
        reminder: reminder.clone(),
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_falls_under_the_nearest_threshold_not_passed() {
        assert_eq!(threshold(45), None);
        assert_eq!(threshold(30), Some(30));
        assert_eq!(threshold(20), Some(30));
        assert_eq!(threshold(7), Some(7));
        assert_eq!(threshold(2), Some(7));
        assert_eq!(threshold(1), Some(1));
        assert_eq!(threshold(0), Some(1));
    }
}
