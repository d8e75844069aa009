//! Facts administrators record about jurisdictions, applied to the catalog in force at once:
//! eligibility, filing and the served catalog use them without a restart.

use serde::{Deserialize, Serialize};
use shared::answers::JurisdictionId;
use shared::catalog::JurisdictionFact;

use crate::AppState;
use crate::services::Actor;
use crate::services::Error;
use crate::store::audit::{self, AuditEntry};
use crate::store::facts::{self as store, FactRecord};

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
    crate::services::rules::reload(state).await?;
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
