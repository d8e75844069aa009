//! Facts administrators record about jurisdictions, applied to the catalog in force at once:
//! eligibility, filing and the served catalog use them without a restart.

use std::collections::BTreeMap;
use std::sync::Arc;

use bytes::Bytes;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shared::Catalog;
use shared::answers::JurisdictionId;
use shared::api::settings::SettingRecord;
use shared::application::{Calendar, TimeLimits};
use shared::catalog::JurisdictionFact;

use crate::AppState;
use crate::services::Actor;
use crate::services::Error;
use crate::store::audit::{self, AuditEntry};
use crate::store::facts::{self as store, FactRecord};

/// The catalog with the recorded facts and settings applied, serialized once for serving,
/// with the calendar and time limits in force.
pub struct ActiveCatalog {
    pub catalog: Arc<Catalog>,
    pub json: Bytes,
    pub gzip: Bytes,
    pub brotli: Bytes,
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
        let rules = crate::services::settings::apply(&mut catalog, settings, time_limits);
        let revision = i64::try_from(facts.len() + settings.len()).unwrap_or(i64::MAX);
        let json = Bytes::from(serde_json::to_vec(&catalog)?);
        let gzip = Bytes::from(crate::web_app::gzip_best(&json));
        let brotli = Bytes::from(crate::web_app::brotli_best(&json));
        Ok(ActiveCatalog {
            etag: format!("\"{}+{revision}\"", catalog.version),
            catalog: Arc::new(catalog),
            json,
            gzip,
            brotli,
            revision,
            calendar: rules.calendar,
            time_limits: rules.time_limits,
            day_names: rules.day_names,
        })
    }
}

/// `PUT /api/v1/admin/jurisdictions/{id}/facts`: the facts to record (absent: unchanged).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FactsRequest {
    #[serde(default)]
    pub medium_high_risk_2022: Option<bool>,
    #[serde(default)]
    pub electricity_subsidy: Option<bool>,
}

/// A jurisdiction's facts in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FactsView {
    pub jurisdiction: JurisdictionId,
    pub medium_high_risk_2022: Option<bool>,
    pub electricity_subsidy: Option<bool>,
}

/// Records an administrator's facts about a jurisdiction (each a dated row and an audit
/// entry, in one transaction), then puts the catalog with them in force.
pub async fn record(
    state: &AppState,
    admin: &Actor,
    jurisdiction: JurisdictionId,
    body: FactsRequest,
) -> Result<FactsView, Error> {
    let changes: Vec<(JurisdictionFact, bool)> = [
        (
            JurisdictionFact::MediumHighRisk2022,
            body.medium_high_risk_2022,
        ),
        (
            JurisdictionFact::ElectricitySubsidy,
            body.electricity_subsidy,
        ),
    ]
    .into_iter()
    .filter_map(|(f, v)| v.map(|v| (f, v)))
    .collect();
    if changes.is_empty() {
        return Err(Error::field(
            "medium_high_risk_2022",
            "send `medium_high_risk_2022` or `electricity_subsidy` (true or false)",
        ));
    }
    let now = state.now();
    crate::store::write(&state.writer, async |txn| {
        for (fact, value) in &changes {
            store::insert(
                txn,
                &FactRecord {
                    jurisdiction,
                    fact: *fact,
                    value: *value,
                    recorded_at: now,
                    recorded_by: admin.id,
                },
            )
            .await?;
            audit::record(
                txn,
                state.now(),
                AuditEntry {
                    actor_id: Some(admin.id),
                    actor_role: Some(admin.role.as_str().into()),
                    action: "jurisdiction_fact_recorded".into(),
                    detail: Some(format!("{jurisdiction} {fact} = {value}")),
                    ..Default::default()
                },
            )
            .await?;
        }
        Ok::<_, Error>(())
    })
    .await?;
    reload(state).await?;
    let catalog = state.catalog();
    let j = catalog
        .jurisdiction(jurisdiction)
        .ok_or(Error::NotFound("no such jurisdiction"))?;
    Ok(FactsView {
        jurisdiction,
        medium_high_risk_2022: j.medium_high_risk_2022,
        electricity_subsidy: j.electricity_subsidy,
    })
}

/// Rebuilds the catalog in force from the catalog version and every recorded fact and setting.
pub async fn reload(state: &AppState) -> Result<(), Error> {
    let facts = store::all(&state.db).await?;
    let settings = crate::store::settings::all(&state.db).await?;
    let active = ActiveCatalog::build(&state.base_catalog, &facts, &settings, state.time_limits)
        .map_err(|e| Error::internal(&e))?;
    state.set_active(active);
    Ok(())
}
