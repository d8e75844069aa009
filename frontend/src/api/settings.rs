//! The policy settings and the counties' facts (`/admin/settings`, `/admin/jurisdictions`).

use shared::answers::JurisdictionId;
use shared::api::settings::{Setting, SettingsView};

use super::{Error, Session, V1, body, get, json, v1, with_body};

pub async fn get_all(s: &dyn Session) -> Result<SettingsView, Error> {
    json(get(s, v1!("/admin/settings")).await?)
}

/// Records a setting: the settings as they now stand.
pub async fn record(s: &dyn Session, setting: &Setting) -> Result<SettingsView, Error> {
    let setting = body(setting)?;
    json(with_body(s, "POST", v1!("/admin/settings"), &setting).await?)
}

/// Records one of a county's 2022 facts (`fact`: its wire name).
pub async fn set_fact(
    s: &dyn Session,
    jurisdiction: JurisdictionId,
    fact: &str,
    value: bool,
) -> Result<(), Error> {
    let facts = serde_json::json!({ fact: value }).to_string();
    let path = format!("{V1}/admin/jurisdictions/{}/facts", jurisdiction.as_str());
    json::<serde_json::Value>(with_body(s, "PUT", &path, &facts).await?).map(|_| ())
}
