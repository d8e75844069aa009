//! Settings that change results, recorded by administrators (`/api/v1/admin/settings`):
//! dated rows kept apart from the catalog version, in force at once. The calendar of working
//! days, the time limit of each request kind, each measure's application window and the
//! amounts the seed redacts.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::answers::{JurisdictionId, Utility};
use crate::application::{ApplicationKind, DayKind};
use crate::catalog::{MeasureId, ParamId};

/// The longest time limit an administrator may set, in working days.
pub const MAX_TIME_LIMIT_DAYS: u32 = 120;
/// The last day of the month a utility's cycle may fall on (every month has it).
pub const MAX_CYCLE_DAY: u32 = 28;
/// The most businesses a county may be recorded to have.
pub const MAX_REGISTERED_BUSINESSES: u64 = 10_000_000;
/// The longest name of a recorded day (`古尔邦节`).
pub const MAX_DAY_NAME: usize = 40;

/// One setting, as recorded (`POST /api/v1/admin/settings`) and as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "setting", rename_all = "snake_case", deny_unknown_fields)]
pub enum Setting {
    /// A day of the working-day calendar: a holiday (national, or Xinjiang's 古尔邦节 and
    /// 肉孜节), a worked weekend day, or `null` to return it to the weekday rule.
    CalendarDay {
        date: NaiveDate,
        day: Option<DayKind>,
        #[serde(default)]
        name: Option<String>,
    },
    /// Working days officials have to decide a request of a kind (requests filed from now on).
    TimeLimit {
        kind: ApplicationKind,
        working_days: u32,
    },
    /// Working days a department has to rectify after a low rating (from now on).
    RectificationLimit { working_days: u32 },
    /// When a measure's requests are accepted (both ends inclusive; no end = open).
    ApplicationWindow {
        measure: MeasureId,
        from: NaiveDate,
        #[serde(default)]
        to: Option<NaiveDate>,
    },
    /// How many small and micro enterprises and individual businesses a county-level unit
    /// has registered (from the market regulator's statistics of the day `on`): the
    /// denominator of the plan's 知晓率 and 覆盖面. The latest recorded counts.
    RegisteredBusinesses {
        county: JurisdictionId,
        count: u64,
        on: NaiveDate,
    },
    /// The day of each month a utility's owners with deferred bills in a county are reminded
    /// (e.g. five days before its meter reading): the latest recorded counts.
    UtilityCycle {
        utility: Utility,
        county: JurisdictionId,
        day: u32,
    },
    /// An amount the seed redacts (`*万元`), in fen, for a span of dates.
    Amount {
        param: ParamId,
        value_fen: i64,
        from: NaiveDate,
        #[serde(default)]
        to: Option<NaiveDate>,
    },
}

/// A recorded setting: what, when and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettingRecord {
    pub id: i64,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: i64,
    #[serde(flatten)]
    pub setting: Setting,
}

/// A day the calendar in force records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarDayView {
    pub date: NaiveDate,
    pub day: DayKind,
    pub name: Option<String>,
}

/// `GET /api/v1/admin/settings`: what is in force now, and every setting recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettingsView {
    /// The catalog version the settings apply to (unchanged by them).
    pub catalog_version: String,
    /// How many facts and settings have been recorded: results, filings and decisions carry
    /// the revision they were made under.
    pub revision: i64,
    pub time_limits: BTreeMap<ApplicationKind, u32>,
    /// Days administrators recorded (the national days shipped aside).
    pub calendar: Vec<CalendarDayView>,
    /// Oldest first.
    pub recorded: Vec<SettingRecord>,
    /// Years whose holidays nobody has recorded (the shipped national lists end, and no
    /// administrator recorded that year's notice) though a due date falls there: due dates
    /// in them count only weekends and the fixed-date holidays. Administrators record them in
    /// the settings.
    #[serde(default)]
    pub unrecorded_holiday_years: Vec<i32>,
}
