//! Settings administrators record that change results: the calendar of working days, the
//! time limit of each request kind, each measure's application window and the amounts the
//! seed redacts. Dated rows apart from the catalog version, each in the audit log, in force
//! at once (the catalog in force is rebuilt, as for jurisdiction facts).

use chrono::NaiveDate;
use shared::Catalog;
use shared::api::settings::{
    CalendarDayView, MAX_CYCLE_DAY, MAX_DAY_NAME, MAX_REGISTERED_BUSINESSES, MAX_TIME_LIMIT_DAYS,
    Setting, SettingsView,
};
use shared::application::ApplicationKind;

use crate::AppState;
use crate::services::Actor;
use crate::services::Error;
use crate::store::audit::{self, AuditEntry};
use crate::store::settings as store;

fn span(from: NaiveDate, to: Option<NaiveDate>) -> Result<(), Error> {
    match to {
        Some(to) if to < from => Err(Error::field("to", "must not be before `from`")),
        _ => Ok(()),
    }
}

/// Checks a setting against the catalog version it applies to; trims a day's name.
fn check(base: &Catalog, setting: Setting) -> Result<Setting, Error> {
    match setting {
        Setting::CalendarDay { date, day, name } => {
            let name = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
            if name
                .as_ref()
                .is_some_and(|n| n.chars().count() > MAX_DAY_NAME)
            {
                return Err(Error::field(
                    "name",
                    format!("at most {MAX_DAY_NAME} characters"),
                ));
            }
            Ok(Setting::CalendarDay { date, day, name })
        }
        Setting::TimeLimit { kind, working_days } => {
            if !(1..=MAX_TIME_LIMIT_DAYS).contains(&working_days) {
                return Err(Error::field(
                    "working_days",
                    format!("from 1 to {MAX_TIME_LIMIT_DAYS}"),
                ));
            }
            Ok(Setting::TimeLimit { kind, working_days })
        }
        Setting::RectificationLimit { working_days } => {
            if !(1..=MAX_TIME_LIMIT_DAYS).contains(&working_days) {
                return Err(Error::field(
                    "working_days",
                    format!("from 1 to {MAX_TIME_LIMIT_DAYS}"),
                ));
            }
            Ok(Setting::RectificationLimit { working_days })
        }
        Setting::ApplicationWindow { measure, from, to } => {
            let m = base
                .measure(measure)
                .ok_or_else(|| Error::field("measure", "not in the catalog version"))?;
            if m.application_kind.is_none() {
                return Err(Error::field(
                    "measure",
                    format!("{measure} takes no requests here: it has no application window"),
                ));
            }
            span(from, to)?;
            Ok(Setting::ApplicationWindow { measure, from, to })
        }
        Setting::UtilityCycle {
            utility,
            county,
            day,
        } => {
            if county == shared::answers::JurisdictionId::Other {
                return Err(Error::field(
                    "county",
                    "a county-level unit of the prefecture",
                ));
            }
            if !(1..=MAX_CYCLE_DAY).contains(&day) {
                return Err(Error::field("day", format!("from 1 to {MAX_CYCLE_DAY}")));
            }
            Ok(Setting::UtilityCycle {
                utility,
                county,
                day,
            })
        }
        Setting::RegisteredBusinesses { county, count, on } => {
            if county == shared::answers::JurisdictionId::Other {
                return Err(Error::field(
                    "county",
                    "a county-level unit of the prefecture",
                ));
            }
            if count == 0 || count > MAX_REGISTERED_BUSINESSES {
                return Err(Error::field(
                    "count",
                    format!("from 1 to {MAX_REGISTERED_BUSINESSES}"),
                ));
            }
            Ok(Setting::RegisteredBusinesses { county, count, on })
        }
        Setting::Amount {
            param,
            value_fen,
            from,
            to,
        } => {
            let p = base
                .parameter(param.as_str())
                .ok_or_else(|| Error::field("param", "not in the catalog version"))?;
            if !p.values.is_empty() {
                return Err(Error::field(
                    "param",
                    format!(
                        "{param} is not redacted in catalog {}: its values change with a new catalog version",
                        base.version
                    ),
                ));
            }
            if value_fen < 0 {
                return Err(Error::field("value_fen", "must not be negative"));
            }
            span(from, to)?;
            Ok(Setting::Amount {
                param,
                value_fen,
                from,
                to,
            })
        }
    }
}

fn describe(s: &Setting) -> String {
    match s {
        Setting::CalendarDay { date, day, name } => format!(
            "calendar {date} = {}{}",
            day.map_or("weekday rule", |d| d.as_str()),
            name.as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        ),
        Setting::TimeLimit { kind, working_days } => {
            format!("time limit {kind} = {working_days} working days")
        }
        Setting::RectificationLimit { working_days } => {
            format!("rectification time limit = {working_days} working days")
        }
        Setting::ApplicationWindow { measure, from, to } => format!(
            "application window {measure} = {from} – {}",
            to.map_or("open".to_string(), |t| t.to_string())
        ),
        Setting::UtilityCycle {
            utility,
            county,
            day,
        } => format!("utility cycle {utility} {county} = day {day}"),
        Setting::RegisteredBusinesses { county, count, on } => {
            format!("registered businesses {county} = {count} on {on}")
        }
        Setting::Amount {
            param,
            value_fen,
            from,
            to,
        } => format!(
            "amount {param} = {value_fen} fen from {from} to {}",
            to.map_or("open".to_string(), |t| t.to_string())
        ),
    }
}

/// Records a setting (a dated row and an audit entry, in one transaction), then puts the
/// catalog, calendar and time limits with it in force.
pub async fn record(
    state: &AppState,
    admin: &Actor,
    setting: Setting,
) -> Result<SettingsView, Error> {
    let setting = check(&state.base_catalog, setting)?;
    crate::store::write(&state.writer, async |txn| {
        let id = store::insert(txn, &setting, state.now(), admin.id).await?;
        audit::record(
            txn,
            state.now(),
            AuditEntry {
                actor_id: Some(admin.id),
                actor_role: Some(admin.role.as_str().into()),
                action: "setting_recorded".into(),
                target_id: Some(id),
                detail: Some(describe(&setting)),
                ..Default::default()
            },
        )
        .await?;
        Ok::<_, Error>(())
    })
    .await?;
    crate::services::rules::reload(state).await?;
    tracing::info!(setting = %describe(&setting), "setting recorded");
    view(state).await
}

/// What is in force now and every setting recorded.
pub async fn view(state: &AppState) -> Result<SettingsView, Error> {
    let recorded = store::all(&state.db).await?;
    let active = state.active();
    let mut calendar = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for r in &recorded {
        if let Setting::CalendarDay { date, .. } = r.setting {
            seen.insert(date);
        }
    }
    for date in seen {
        if let Some(day) = active.calendar.day(date) {
            calendar.push(CalendarDayView {
                date,
                day,
                name: active.day_names.get(&date).cloned(),
            });
        }
    }
    Ok(SettingsView {
        catalog_version: active.catalog.version.clone(),
        revision: active.revision,
        time_limits: ApplicationKind::ALL
            .iter()
            .map(|k| (*k, active.time_limits.days(*k)))
            .collect(),
        calendar,
        unrecorded_holiday_years: crate::services::rules::unrecorded_holiday_years(
            &active,
            state.today(),
            [],
        ),
        recorded,
    })
}
