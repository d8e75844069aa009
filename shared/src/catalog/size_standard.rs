//! The national enterprise size standard (中小企业划型标准, 工信部联企业〔2011〕300号) as data.

use serde::{Deserialize, Serialize};

use crate::answers::Industry;

/// Lower limits of one size class: a business needs every limit given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SizeLimits {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employees: Option<u32>,
    /// Revenue (营业收入) in 万元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue_wan: Option<i64>,
    /// Total assets in 万元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assets_wan: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SizeRow {
    pub industries: Vec<Industry>,
    /// Tertiary industry (服务业).
    pub service_sector: bool,
    pub large: SizeLimits,
    pub medium: SizeLimits,
    pub small: SizeLimits,
}

/// The national enterprise size standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SizeStandard {
    pub source: String,
    pub rows: Vec<SizeRow>,
}

impl SizeStandard {
    pub fn row(&self, industry: Industry) -> Option<&SizeRow> {
        self.rows.iter().find(|r| r.industries.contains(&industry))
    }
}
