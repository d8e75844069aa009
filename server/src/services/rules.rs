//! The rules in force: the catalog version with the facts and settings administrators
//! recorded applied, the calendar and time limits with them, serialized once for serving;
//! rebuilt whole when a fact or setting is recorded.

use std::collections::BTreeMap;
use std::sync::Arc;

use bytes::Bytes;
use chrono::NaiveDate;
use shared::Catalog;
use shared::api::settings::{Setting, SettingRecord};
use shared::application::{ApplicationKind, Calendar, TimeLimits};
use shared::catalog::{Dated, JurisdictionFact, Period, PeriodBasis};

use crate::AppState;
use crate::services::Error;
use crate::store::facts::FactRecord;

/// The catalog with the recorded facts and settings applied, serialized once for serving,
/// with the calendar and time limits in force.
pub struct ActiveCatalog {
    pub catalog: Arc<Catalog>,
    pub json: Bytes,
    /// The JSON compressed at the best levels, once, when first asked for (brotli at its
    /// best level takes tens of milliseconds: not on the way to listening).
    gzip: std::sync::OnceLock<Bytes>,
    brotli: std::sync::OnceLock<Bytes>,
    /// The OpenAPI document with this catalog's answers, written when first asked for.
    pub openapi: std::sync::OnceLock<Bytes>,
    /// The catalog version and the revision applied: the served catalog's ETag.
    pub etag: String,
    /// How many facts and settings are applied (both are append-only, so this names them).
    pub revision: i64,
    pub calendar: Calendar,
    pub time_limits: TimeLimits,
    /// Names of the days administrators recorded (`古尔邦节`).
    pub day_names: BTreeMap<NaiveDate, String>,
}

impl ActiveCatalog {
    /// The JSON, gzipped at the best level.
    pub fn gzip(&self) -> &Bytes {
        self.gzip
            .get_or_init(|| Bytes::from(crate::web_app::gzip_best(&self.json)))
    }

    /// The JSON, in brotli at the best level.
    pub fn brotli(&self) -> &Bytes {
        self.brotli
            .get_or_init(|| Bytes::from(crate::web_app::brotli_best(&self.json)))
    }

    /// `base` (the catalog version) with `facts` and `settings` applied in order, the latest
    /// winning; `time_limits` as configured before any setting.
    pub fn build(
        base: &Catalog,
        facts: &[FactRecord],
        settings: &[SettingRecord],
        time_limits: TimeLimits,
    ) -> Result<ActiveCatalog, serde_json::Error> {
        let mut catalog = base.clone();
        for f in facts {
            if let Some(j) = catalog
                .jurisdictions
                .iter_mut()
                .find(|j| j.id == f.jurisdiction)
            {
                match f.fact {
                    JurisdictionFact::MediumHighRisk2022 => j.medium_high_risk_2022 = Some(f.value),
                    JurisdictionFact::ElectricitySubsidy => j.electricity_subsidy = Some(f.value),
                }
            }
        }
        let rules = crate::services::rules::apply(&mut catalog, settings, time_limits);
        let revision = i64::try_from(facts.len() + settings.len()).unwrap_or(i64::MAX);
        let json = Bytes::from(serde_json::to_vec(&catalog)?);
        Ok(ActiveCatalog {
            etag: format!("\"{}+{revision}\"", catalog.version),
            catalog: Arc::new(catalog),
            json,
            gzip: std::sync::OnceLock::new(),
            openapi: std::sync::OnceLock::new(),
            brotli: std::sync::OnceLock::new(),
            revision,
            calendar: rules.calendar,
            time_limits: rules.time_limits,
            day_names: rules.day_names,
        })
    }
}

/// The calendar and time limits the settings put in force.
pub struct Rules {
    pub calendar: Calendar,
    pub time_limits: TimeLimits,
    pub day_names: BTreeMap<NaiveDate, String>,
}

/// Applies `settings` in order to `catalog` (application windows, redacted amounts) and to
/// the national calendar and the configured `time_limits`.
pub fn apply(catalog: &mut Catalog, settings: &[SettingRecord], time_limits: TimeLimits) -> Rules {
    let mut rules = Rules {
        calendar: Calendar::national(),
        time_limits,
        day_names: BTreeMap::new(),
    };
    for r in settings {
        match &r.setting {
            Setting::CalendarDay { date, day, name } => {
                rules.calendar.set(*date, *day);
                match (day, name) {
                    (Some(_), Some(n)) => {
                        rules.day_names.insert(*date, n.clone());
                    }
                    _ => {
                        rules.day_names.remove(date);
                    }
                }
            }
            Setting::TimeLimit { kind, working_days } => {
                rules.time_limits.set(*kind, *working_days);
            }
            Setting::RectificationLimit { working_days } => {
                rules.time_limits.rectification = *working_days;
            }
            Setting::ApplicationWindow { measure, from, to } => {
                if let Some(m) = catalog.measures.iter_mut().find(|m| m.id == *measure) {
                    m.application_window = Some(Period {
                        from: *from,
                        to: *to,
                        basis: PeriodBasis::Recorded,
                        source: Some(format!("setting #{}", r.id)),
                    });
                }
            }
            // Read by the reach figures, not by results.
            Setting::RegisteredBusinesses { .. } | Setting::UtilityCycle { .. } => {}
            Setting::Amount {
                param,
                value_fen,
                from,
                to,
            } => {
                if let Some(p) = catalog.parameters.iter_mut().find(|p| p.id == *param) {
                    // The latest recorded value comes first, so it wins where spans overlap.
                    p.values.insert(
                        0,
                        Dated {
                            from: *from,
                            to: *to,
                            value: *value_fen,
                            source: Some(format!("setting #{}", r.id)),
                        },
                    );
                }
            }
        }
    }
    rules
}

/// Rebuilds the catalog in force from the catalog version and every recorded fact and setting.
pub async fn reload(state: &AppState) -> Result<(), Error> {
    let facts = crate::store::facts::all(&state.db).await?;
    let settings = crate::store::settings::all(&state.db).await?;
    let active = ActiveCatalog::build(&state.base_catalog, &facts, &settings, state.time_limits)
        .map_err(|e| Error::internal(&e))?;
    state.set_active(active);
    Ok(())
}

/// The years whose holidays nobody has recorded among those a due date can fall in: from
/// today to a request filed today at the longest time limit, and the years of `due_dates`.
pub fn unrecorded_holiday_years(
    active: &crate::services::rules::ActiveCatalog,
    today: NaiveDate,
    due_dates: impl IntoIterator<Item = NaiveDate>,
) -> Vec<i32> {
    let longest = ApplicationKind::ALL
        .iter()
        .map(|k| active.time_limits.days(*k))
        .max()
        .unwrap_or(0);
    let horizon = active.calendar.add_working_days(today, longest);
    let mut years: std::collections::BTreeSet<i32> = active
        .calendar
        .unrecorded_years(today, horizon)
        .into_iter()
        .collect();
    years.extend(
        due_dates
            .into_iter()
            .map(|d| chrono::Datelike::year(&d))
            .filter(|y| !active.calendar.holidays_recorded(*y)),
    );
    years.into_iter().collect()
}
