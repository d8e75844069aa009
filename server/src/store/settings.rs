//! Settings administrators record: appended, applied in order (the latest wins).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryOrder,
};
use shared::api::settings::{Setting, SettingRecord};

use super::entities::setting;

/// The kind and subject columns of a setting (what it is about), for reading the table.
fn key(s: &Setting) -> (&'static str, String) {
    match s {
        Setting::CalendarDay { date, .. } => ("calendar_day", date.to_string()),
        Setting::TimeLimit { kind, .. } => ("time_limit", kind.as_str().into()),
        Setting::RectificationLimit { .. } => ("rectification_limit", String::new()),
        Setting::ApplicationWindow { measure, .. } => {
            ("application_window", measure.as_str().into())
        }
        Setting::Amount { param, .. } => ("amount", param.as_str().into()),
        Setting::UtilityCycle {
            utility, county, ..
        } => ("utility_cycle", format!("{utility}:{county}")),
        Setting::RegisteredBusinesses { county, .. } => {
            ("registered_businesses", county.as_str().into())
        }
    }
}

pub async fn insert(
    db: &DatabaseTransaction,
    s: &Setting,
    at: DateTime<Utc>,
    by: i32,
) -> Result<i32, DbErr> {
    let (kind, subject) = key(s);
    let value = serde_json::to_string(s).map_err(|e| DbErr::Custom(e.to_string()))?;
    Ok(setting::Entity::insert(setting::ActiveModel {
        setting: Set(kind.into()),
        subject: Set(subject),
        value: Set(value),
        recorded_at: Set(at),
        recorded_by: Set(by),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id)
}

/// Every recorded setting, oldest first.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<SettingRecord>, DbErr> {
    setting::Entity::find()
        .order_by_asc(setting::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(SettingRecord {
                id: i64::from(m.id),
                recorded_at: m.recorded_at,
                recorded_by: i64::from(m.recorded_by),
                setting: serde_json::from_str(&m.value)
                    .map_err(|e| DbErr::Custom(format!("setting {}: {e}", m.id)))?,
            })
        })
        .collect()
}
