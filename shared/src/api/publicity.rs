//! The plan's publicity (三(三)): 政策解读 (interpretations administrators publish per measure
//! and language, versioned) and its reach, counted without tracking anyone — aggregate
//! counters per day, source, measure and county; no cookie, no address, no answer kept.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::answers::JurisdictionId;
use crate::catalog::MeasureId;
use crate::i18n::Lang;
use crate::wire::{WireName, wire_enum};

/// The longest title of an interpretation, in characters.
pub const MAX_TITLE: usize = 100;
/// The longest body of an interpretation, in characters (Markdown).
pub const MAX_BODY: usize = 20_000;
/// The largest image an interpretation carries, in bytes.
pub const MAX_IMAGE_BYTES: usize = 1024 * 1024;
/// The longest source code a link may carry.
pub const MAX_SOURCE: usize = 40;

wire_enum!(
    /// Where a link or poster was put: the channels of the plan's 三(三) (newspapers, radio,
    /// the internet, short video) and the office's own.
    Channel {
        /// Opened with no source: typed, bookmarked, or shared on without one.
        Direct => "direct",
        /// A printed poster (its QR code); `poster-<county>` names the county's office.
        Poster => "poster",
        /// An article of a WeChat official account.
        WechatArticle => "wechat-article",
        /// A text message.
        Sms => "sms",
        Newspaper => "newspaper",
        Radio => "radio",
        Television => "tv",
        ShortVideo => "short-video",
        /// A government website.
        Website => "website",
        /// A source code no channel names (counted, not trusted).
        Other => "other",
    }
);

/// A link's source as counted: a channel, and the county whose office put it there when the
/// code names one (`poster-korla`, `sms-yuli`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source {
    pub channel: Channel,
    pub county: Option<JurisdictionId>,
}

impl Source {
    pub const DIRECT: Source = Source {
        channel: Channel::Direct,
        county: None,
    };

    /// The source a link's `src` names: absent or empty is direct; a code that names no
    /// channel (or an unknown county) is `other`, so a made-up code adds no row of its own.
    pub fn parse(code: Option<&str>) -> Source {
        let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
            return Source::DIRECT;
        };
        let other = Source {
            channel: Channel::Other,
            county: None,
        };
        if code.len() > MAX_SOURCE {
            return other;
        }
        let code = code.to_ascii_lowercase();
        if let Some(channel) = Channel::from_wire(&code).filter(|c| *c != Channel::Other) {
            return Source {
                channel,
                county: None,
            };
        }
        // `<channel>-<county>`: the channel's own name may hold a hyphen.
        let Some((channel, county)) = code.rsplit_once('-') else {
            return other;
        };
        match (
            Channel::from_wire(channel).filter(|c| !matches!(c, Channel::Other | Channel::Direct)),
            JurisdictionId::from_wire(county).filter(|j| *j != JurisdictionId::Other),
        ) {
            (Some(channel), Some(county)) => Source {
                channel,
                county: Some(county),
            },
            _ => other,
        }
    }

    /// The code as links carry it and the counters store it.
    pub fn code(self) -> String {
        match self.county {
            Some(county) => format!("{}-{}", self.channel.as_str(), county.as_str()),
            None => self.channel.as_str().to_string(),
        }
    }
}

wire_enum!(
    /// What a counter counts.
    ReachEvent {
        /// A page of the service opened (the app, or a measure's interpretation).
        Open => "open",
        /// A self-check completed (its results shown).
        Check => "check",
        /// A measure a completed self-check found the business eligible for.
        Eligible => "eligible",
        /// "有用" on a measure's interpretation.
        Useful => "useful",
        /// "没用" on a measure's interpretation.
        NotUseful => "not_useful",
    }
);

/// `POST /api/v1/admin/interpretations/{measure}`: a new version of a measure's
/// interpretation in one language. The body is Markdown: paragraphs, `##` headings, lists,
/// links, and images uploaded for it (`![words](/measures/<measure>/images/<name>)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InterpretationRequest {
    pub lang: Lang,
    pub title: String,
    pub body: String,
}

/// One published version of a measure's interpretation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InterpretationView {
    pub measure: MeasureId,
    pub lang: Lang,
    /// 1 for the first version in that language, then 2, 3, …
    pub version: i32,
    pub title: String,
    pub body: String,
    pub published_at: DateTime<Utc>,
    pub published_by: i64,
}

/// An image uploaded for interpretations: where the page serves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImageView {
    /// `/measures/<measure>/images/<name>`: put it in the body as `![words](path)`.
    pub path: String,
    pub content_type: String,
    pub bytes: u64,
}

/// `POST /api/v1/reach`: a completed self-check, counted (no account, nothing kept but the
/// counts).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReachBeacon {
    /// The `src` the owner arrived with, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The county-level unit the owner answered, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<JurisdictionId>,
    /// The measures found eligible.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eligible: Vec<MeasureId>,
}

/// What one source, measure or county reached in a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReachFigures {
    /// Pages opened.
    pub opens: u64,
    /// Self-checks completed.
    pub checks: u64,
    /// Requests filed.
    pub filed: u64,
    /// Requests approved.
    pub approved: u64,
}

/// One source's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceReach {
    /// The code (`poster-korla`).
    pub source: String,
    pub channel: Channel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<JurisdictionId>,
    #[serde(flatten)]
    pub figures: ReachFigures,
}

/// One measure's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureReach {
    pub measure: MeasureId,
    /// Its interpretation page opened.
    pub opens: u64,
    /// Completed self-checks that found a business eligible.
    pub eligible: u64,
    pub filed: u64,
    pub approved: u64,
    /// "有用" and "没用" on its interpretation.
    pub useful: u64,
    pub not_useful: u64,
}

/// One county's row: the plan's 知晓率 and 覆盖面, each with its denominator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountyReach {
    pub county: JurisdictionId,
    #[serde(flatten)]
    pub figures: ReachFigures,
    /// Small and micro enterprises and individual businesses registered in the county, as
    /// an administrator recorded (`registered_businesses`); `null`: not recorded.
    pub registered: Option<u64>,
    /// The day that count is of.
    pub registered_on: Option<NaiveDate>,
    /// Distinct businesses that filed a request in the period.
    pub businesses_filed: u64,
    /// Distinct businesses with a request approved in the period.
    pub businesses_helped: u64,
    /// 知晓率, estimated: self-checks completed ÷ registered businesses, at most 1 (a
    /// business that checks twice counts twice: an upper estimate). `null` without a count.
    pub awareness_rate: Option<f64>,
    /// 覆盖面: businesses helped ÷ registered businesses. `null` without a count.
    pub coverage_rate: Option<f64>,
}

/// `GET /api/v1/admin/reach`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReachResponse {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub total: ReachFigures,
    /// Busiest first.
    pub sources: Vec<SourceReach>,
    /// In catalog order.
    pub measures: Vec<MeasureReach>,
    /// Every county-level unit of the prefecture, in catalog order.
    pub counties: Vec<CountyReach>,
    /// What no county could be given to (a page opened from a link naming none).
    pub county_unknown: ReachFigures,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poster_code_names_its_channel_and_county() {
        assert_eq!(
            Source::parse(Some("poster-korla")),
            Source {
                channel: Channel::Poster,
                county: Some(JurisdictionId::Korla)
            }
        );
        assert_eq!(
            Source::parse(Some("wechat-article")).channel,
            Channel::WechatArticle
        );
        assert_eq!(
            Source::parse(Some("short-video-yuli")),
            Source {
                channel: Channel::ShortVideo,
                county: Some(JurisdictionId::Yuli)
            }
        );
        assert_eq!(Source::parse(Some("SMS")).code(), "sms");
    }

    #[test]
    fn no_code_is_direct_and_a_made_up_one_is_other() {
        assert_eq!(Source::parse(None), Source::DIRECT);
        assert_eq!(Source::parse(Some("  ")), Source::DIRECT);
        for code in [
            "x",
            "poster-mars",
            "direct-korla",
            "other-korla",
            "poster-other",
            "<script>",
            &"a".repeat(200),
        ] {
            assert_eq!(Source::parse(Some(code)).code(), "other", "{code}");
        }
    }

    #[test]
    fn every_code_reads_back_as_itself() {
        for channel in Channel::ALL {
            let s = Source {
                channel: *channel,
                county: None,
            };
            assert_eq!(Source::parse(Some(&s.code())), s);
        }
        let s = Source {
            channel: Channel::Newspaper,
            county: Some(JurisdictionId::Ketdz),
        };
        assert_eq!(Source::parse(Some(&s.code())), s);
    }
}
