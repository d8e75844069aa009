//! 好差评: after a decision the owner rates its handling once (一事一评), on the five levels
//! of the national evaluation system (国办发〔2019〕51号; GB/T 39734-2020) with its online
//! indicators. The two lowest levels open a rectification (整改) for the department that
//! decided: verify with the owner, fix or explain, within the rectification time limit. A
//! department may ask the supervising office to review a rating it thinks mistaken or
//! abusive (申诉复核); the office upholds it or voids it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::catalog::DepartmentId;
use crate::wire::wire_enum;

/// The levels, from 1 (非常不满意) to 5 (非常满意).
pub const LEVELS: std::ops::RangeInclusive<i64> = 1..=5;
/// The highest level that opens a rectification (不满意).
pub const RECTIFY_AT_MOST: i64 = 2;
/// The longest comment, appeal, review note or resolution.
pub const MAX_TEXT: usize = 500;

/// The online indicators (办事效率, 材料要求是否清楚, 办理便捷, 平台好用), each on the same five
/// levels; any may be left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Indicators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub efficiency: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub clear_requirements: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub convenience: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub platform: Option<i64>,
}

wire_enum!(
    /// One of the online indicators, by its field's name.
    Indicator {
        Efficiency => "efficiency",
        ClearRequirements => "clear_requirements",
        Convenience => "convenience",
        Platform => "platform",
    }
);

impl Indicators {
    /// An indicator's level, if given.
    pub fn get(&self, which: Indicator) -> Option<i64> {
        match which {
            Indicator::Efficiency => self.efficiency,
            Indicator::ClearRequirements => self.clear_requirements,
            Indicator::Convenience => self.convenience,
            Indicator::Platform => self.platform,
        }
    }

    /// Gives (or takes back) an indicator's level.
    pub fn set(&mut self, which: Indicator, level: Option<i64>) {
        let slot = match which {
            Indicator::Efficiency => &mut self.efficiency,
            Indicator::ClearRequirements => &mut self.clear_requirements,
            Indicator::Convenience => &mut self.convenience,
            Indicator::Platform => &mut self.platform,
        };
        *slot = level;
    }
}

/// `POST /api/v1/requests/{id}/rating`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingRequest {
    /// 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub level: i64,
    #[serde(default)]
    pub indicators: Indicators,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub comment: Option<String>,
}

wire_enum!(
    /// Whether a rating counts.
    RatingStanding {
        /// Counted in the figures.
        Counted => "counted",
        /// The department asked for a review; the supervising office has not decided.
        UnderReview => "under_review",
        /// Reviewed and upheld: it counts.
        Upheld => "upheld",
        /// Reviewed and found mistaken or abusive: it does not count.
        Voided => "voided",
    }
);

wire_enum!(
    /// Where a rectification stands.
    RectificationState {
        /// The department is to verify with the owner and fix or explain.
        Open => "open",
        /// The department said what it found and did.
        Closed => "closed",
        /// The rating it came from was voided on review.
        Voided => "voided",
    }
);

/// A rating as the owner, the department and the office read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingView {
    pub request_id: i64,
    pub level: i64,
    pub indicators: Indicators,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub rated_at: DateTime<Utc>,
    pub department: DepartmentId,
    pub standing: RatingStanding,
    /// Why the department asked for a review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appeal: Option<String>,
    /// What the supervising office decided on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rectification: Option<RectificationView>,
}

/// A rectification (整改) a low rating opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationView {
    pub id: i64,
    pub request_id: i64,
    pub number: String,
    pub department: DepartmentId,
    pub level: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub opened_on: NaiveDate,
    /// The last day, in working days on the request calendar.
    pub due_on: NaiveDate,
    pub state: RectificationState,
    /// Open past its last day.
    pub overdue: bool,
    /// The rating is under review (申诉复核).
    pub under_review: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
}

/// `POST /api/v1/admin/rectifications/{id}/close`, `/appeal`: what the department found and
/// did, or why it thinks the rating mistaken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RectificationText {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub text: String,
}

/// `POST /api/v1/admin/rectifications/{id}/review`: the supervising office upholds the rating
/// (it counts, the rectification goes on) or voids it (it does not count, the rectification
/// ends).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    pub uphold: bool,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub note: String,
}

/// A rating refused: the field at fault and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct RatingError {
    pub field: &'static str,
    pub message: String,
}

/// A text trimmed, `None` when empty, refused past [`MAX_TEXT`] characters.
pub fn text(field: &'static str, t: Option<&str>) -> Result<Option<String>, RatingError> {
    let t = t.map(str::trim).filter(|t| !t.is_empty());
    match t {
        Some(t) if t.chars().count() > MAX_TEXT => Err(RatingError {
            field,
            message: format!("must be at most {MAX_TEXT} characters"),
        }),
        t => Ok(t.map(str::to_string)),
    }
}

/// Checks a rating: the level and each indicator given on the five levels, the comment
/// short enough; the comment trimmed.
pub fn check(body: &RatingRequest) -> Result<Option<String>, RatingError> {
    let level = |field: &'static str, v: i64| {
        if LEVELS.contains(&v) {
            Ok(())
        } else {
            Err(RatingError {
                field,
                message: "must be from 1 (非常不满意) to 5 (非常满意)".into(),
            })
        }
    };
    level("level", body.level)?;
    let i = &body.indicators;
    for (field, v) in [
        ("indicators.efficiency", i.efficiency),
        ("indicators.clear_requirements", i.clear_requirements),
        ("indicators.convenience", i.convenience),
        ("indicators.platform", i.platform),
    ] {
        if let Some(v) = v {
            level(field, v)?;
        }
    }
    text("comment", body.comment.as_deref())
}

/// Whether a rating at this level opens a rectification.
pub fn rectifies(level: i64) -> bool {
    level <= RECTIFY_AT_MOST
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(level: i64) -> RatingRequest {
        RatingRequest {
            level,
            indicators: Indicators::default(),
            comment: None,
        }
    }

    #[test]
    fn a_level_and_each_indicator_lie_on_the_five_levels() {
        assert!(check(&rating(1)).is_ok() && check(&rating(5)).is_ok());
        assert_eq!(check(&rating(0)).map_err(|e| e.field), Err("level"));
        assert_eq!(check(&rating(6)).map_err(|e| e.field), Err("level"));
        let mut r = rating(4);
        r.indicators.platform = Some(9);
        assert_eq!(check(&r).map_err(|e| e.field), Err("indicators.platform"));
    }

    #[test]
    fn only_the_two_lowest_levels_open_a_rectification() {
        assert_eq!(
            LEVELS.filter(|l| rectifies(*l)).collect::<Vec<_>>(),
            vec![1, 2]
        );
    }
}
