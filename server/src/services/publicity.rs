//! The plan's publicity (三(三)): 政策解读 administrators publish per measure and language
//! (each publish a new version, audited), the images they show, and the reach of the links
//! and posters — aggregate counts per day, source, measure and county, nothing else.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};
use sha2::{Digest, Sha256};
use shared::Lang;
use shared::answers::JurisdictionId;
use shared::api::publicity::{
    CountyReach, ImageView, InterpretationRequest, InterpretationView, MAX_BODY, MAX_IMAGE_BYTES,
    MAX_TITLE, MeasureReach, ReachBeacon, ReachEvent, ReachFigures, ReachResponse, Source,
    SourceReach,
};
use shared::api::settings::Setting;
use shared::application::{DocumentType, RequestState, beijing_day};
use shared::catalog::MeasureId;
use shared::wire::WireName;

use crate::AppState;
use crate::infra::documents::DocumentStorage;
use crate::services::requests::RequestError;
use crate::services::{Actor, Error};
use crate::store::WriteError;
use crate::store::audit::{self, AuditEntry};
use crate::store::publicity::{self as store, CounterKey, ImageRecord};

/// The path an uploaded image is served at.
pub fn image_path(measure: MeasureId, name: &str) -> String {
    format!("/measures/{}/images/{name}", measure.as_str())
}

fn measure_in_force(state: &AppState, measure: &str) -> Result<MeasureId, Error> {
    MeasureId::parse(measure)
        .filter(|id| state.catalog().measure(*id).is_some())
        .ok_or(Error::NotFound("no such measure in the catalog in force"))
}

/// What a body's Markdown links to that it may not: an image not uploaded for this measure,
/// or a link that is neither the web nor a path of this site.
fn check_body(measure: MeasureId, body: &str, images: &HashSet<String>) -> Result<(), Error> {
    let prefix = image_path(measure, "");
    for event in Parser::new_ext(body, Options::empty()) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                let known = dest_url
                    .strip_prefix(prefix.as_str())
                    .is_some_and(|name| images.contains(name));
                if !known {
                    return Err(Error::field(
                        "body",
                        format!(
                            "the image `{dest_url}` was not uploaded for {measure}: upload it first (POST /api/v1/admin/interpretations/{measure}/images) and use the path it answers"
                        ),
                    ));
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if !safe_link(&dest_url) => {
                return Err(Error::field(
                    "body",
                    format!("the link `{dest_url}` is neither http(s) nor a path of this site"),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || (lower.starts_with('/') && !lower.starts_with("//"))
        || lower.starts_with('#')
}

/// A body as HTML: Markdown's paragraphs, headings, lists, emphasis, links and images;
/// raw HTML is shown as text, and a link that is not http(s) or this site's is dropped.
pub fn render_body(body: &str) -> String {
    let events = Parser::new_ext(body, Options::empty()).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_link(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        other => other,
    });
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Publishes a new version of a measure's interpretation in a language (audited).
pub async fn publish(
    state: &AppState,
    admin: &Actor,
    measure: &str,
    body: InterpretationRequest,
) -> Result<InterpretationView, Error> {
    let measure = measure_in_force(state, measure)?;
    let title = body.title.trim().to_string();
    let text = body.body.trim().to_string();
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        return Err(Error::field(
            "title",
            format!("from 1 to {MAX_TITLE} characters"),
        ));
    }
    if text.is_empty() || text.chars().count() > MAX_BODY {
        return Err(Error::field(
            "body",
            format!("from 1 to {MAX_BODY} characters"),
        ));
    }
    let images: HashSet<String> = store::images_of(&state.db, measure)
        .await?
        .into_iter()
        .collect();
    check_body(measure, &text, &images)?;
    let now = state.now();
    let published = crate::store::write(&state.writer, async |txn| {
        let view = match store::publish(txn, measure, body.lang, &title, &text, now, admin.id).await
        {
            Ok(v) => v,
            Err(WriteError::Taken) => {
                return Err(Error::Busy { retry_after: 1 });
            }
            Err(WriteError::Db(e)) => return Err(e.into()),
        };
        audit::record(
            txn,
            now,
            AuditEntry {
                actor_id: Some(admin.id),
                actor_role: Some(admin.role.as_str().into()),
                action: "interpretation_published".into(),
                target_id: None,
                detail: Some(format!(
                    "{measure} {} version {}",
                    body.lang.as_str(),
                    view.version
                )),
                ..Default::default()
            },
        )
        .await?;
        Ok::<_, Error>(view)
    })
    .await?;
    tracing::info!(%measure, lang = body.lang.as_str(), version = published.version, "interpretation published");
    Ok(published)
}

/// Every version of a measure's interpretation, newest first.
pub async fn versions(state: &AppState, measure: &str) -> Result<Vec<InterpretationView>, Error> {
    let measure = measure_in_force(state, measure)?;
    Ok(store::versions(&state.db, measure).await?)
}

/// The version in force in a language, if any.
pub async fn latest(
    state: &AppState,
    measure: MeasureId,
    lang: Lang,
) -> Result<Option<InterpretationView>, Error> {
    Ok(store::latest(&state.db, measure, lang).await?)
}

/// Stores an image for a measure's interpretations: JPEG, PNG or WebP (by its content), at
/// most [`MAX_IMAGE_BYTES`]; named by its content, so the same image twice is one file.
pub async fn upload_image(
    state: &AppState,
    admin: &Actor,
    measure: &str,
    bytes: &[u8],
) -> Result<ImageView, RequestError> {
    let measure = measure_in_force(state, measure)?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(RequestError::DocumentTooLarge {
            limit: MAX_IMAGE_BYTES,
        });
    }
    let (kind, ext) = match DocumentType::sniff(bytes) {
        Some(t @ DocumentType::Jpeg) => (t, "jpg"),
        Some(t @ DocumentType::Png) => (t, "png"),
        Some(t @ DocumentType::Webp) => (t, "webp"),
        _ => return Err(RequestError::UnsupportedDocument),
    };
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    // Letters and digits only: the storage takes no other name.
    let name = format!("img{hex}.{ext}");
    // The file first: a crash before its row leaves a file the sweep removes.
    state
        .documents
        .put(&name, bytes)
        .await
        .map_err(|e| Error::internal(&e))?;
    let record = ImageRecord {
        name: name.clone(),
        measure: measure.as_str().into(),
        content_type: kind.mime().into(),
        bytes: i32::try_from(bytes.len()).unwrap_or(i32::MAX),
    };
    let now = state.now();
    crate::store::write(&state.writer, async |txn| {
        store::insert_image(txn, &record, now, admin.id).await?;
        audit::record(
            txn,
            now,
            AuditEntry {
                actor_id: Some(admin.id),
                actor_role: Some(admin.role.as_str().into()),
                action: "interpretation_image_uploaded".into(),
                detail: Some(format!("{measure} {name}")),
                ..Default::default()
            },
        )
        .await?;
        Ok::<_, Error>(())
    })
    .await?;
    Ok(ImageView {
        path: image_path(measure, &name),
        content_type: record.content_type,
        bytes: bytes.len() as u64,
    })
}

/// An uploaded image's type and bytes; `None` when the measure has no such image.
pub async fn image(
    state: &AppState,
    measure: &str,
    name: &str,
) -> Result<Option<(String, Vec<u8>)>, Error> {
    let Some(measure) = MeasureId::parse(measure) else {
        return Ok(None);
    };
    let Some(record) = store::image(&state.db, measure, name).await? else {
        return Ok(None);
    };
    let bytes = state
        .documents
        .get(&record.name)
        .await
        .map_err(|e| Error::internal(&e))?;
    Ok(Some((record.content_type, bytes)))
}

/// Counts one event of a source (a link's `src`), for a measure and a county when known.
pub fn count(
    state: &AppState,
    event: ReachEvent,
    source: Source,
    measure: Option<MeasureId>,
    county: Option<JurisdictionId>,
) {
    state.reach.add(CounterKey {
        day: state.today(),
        event: event.as_str(),
        source: source.code(),
        measure: measure.map(|m| m.as_str().to_string()).unwrap_or_default(),
        // The owner's county where known, else the one the source names.
        county: county
            .or(source.county)
            .filter(|j| *j != JurisdictionId::Other)
            .map(|j| j.as_str().to_string())
            .unwrap_or_default(),
    });
}

/// A completed self-check reported by a phone: counted once, with the measures it found
/// eligible (those the catalog in force has); `false` when the address reported too many
/// this minute (nothing counted).
pub fn beacon(state: &AppState, address: &str, beacon: &ReachBeacon) -> bool {
    if !state.reach.allows(address) {
        return false;
    }
    let source = Source::parse(beacon.source.as_deref());
    let catalog = state.catalog();
    count(state, ReachEvent::Check, source, None, beacon.county);
    let eligible: HashSet<MeasureId> = beacon.eligible.iter().copied().collect();
    for m in eligible {
        if catalog.measure(m).is_some() {
            count(state, ReachEvent::Eligible, source, Some(m), beacon.county);
        }
    }
    true
}

fn add(f: &mut ReachFigures, event: &str, n: u64) {
    match event {
        "open" => f.opens += n,
        "check" => f.checks += n,
        _ => {}
    }
}

/// A measure's row before anything is counted for it.
fn empty_row(measure: MeasureId) -> MeasureReach {
    MeasureReach {
        measure,
        opens: 0,
        eligible: 0,
        filed: 0,
        approved: 0,
        useful: 0,
        not_useful: 0,
    }
}

fn rate(n: u64, of: Option<u64>) -> Option<f64> {
    of.filter(|d| *d > 0)
        .map(|d| (n as f64 / d as f64).min(1.0))
}

/// The reach over a period: per source, per measure, per county with the plan's 知晓率 and
/// 覆盖面 against the registered businesses an administrator recorded.
pub async fn reach(
    state: &AppState,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<ReachResponse, Error> {
    if to < from {
        return Err(Error::field("to", "must not be before `from`"));
    }
    // What this process counted and has not written yet.
    state.reach.flush(&state.writer).await?;
    let catalog = state.catalog();
    let counted = store::counts(&state.db, from, to).await?;
    let requests = store::requests(&state.db).await?;

    let mut total = ReachFigures::default();
    let mut sources: BTreeMap<String, ReachFigures> = BTreeMap::new();
    let mut measures: HashMap<String, MeasureReach> = HashMap::new();
    let mut counties: HashMap<String, ReachFigures> = HashMap::new();
    let mut unknown = ReachFigures::default();
    for c in &counted {
        let n = u64::try_from(c.count).unwrap_or(0);
        let source = Source::parse(Some(&c.source)).code();
        match c.event.as_str() {
            "open" | "check" => {
                add(&mut total, &c.event, n);
                add(sources.entry(source).or_default(), &c.event, n);
                if c.county.is_empty() {
                    add(&mut unknown, &c.event, n);
                } else {
                    add(counties.entry(c.county.clone()).or_default(), &c.event, n);
                }
            }
            _ => {}
        }
        if let Some(m) = MeasureId::parse(&c.measure).filter(|m| catalog.measure(*m).is_some()) {
            let row = measures
                .entry(c.measure.clone())
                .or_insert_with(|| empty_row(m));
            match c.event.as_str() {
                "open" => row.opens += n,
                "eligible" => row.eligible += n,
                "useful" => row.useful += n,
                "not_useful" => row.not_useful += n,
                _ => {}
            }
        }
    }

    let holds = |d: NaiveDate| from <= d && d <= to;
    let mut filed_by: HashMap<String, HashSet<i32>> = HashMap::new();
    let mut helped_by: HashMap<String, HashSet<i32>> = HashMap::new();
    for r in &requests {
        let source = Source::parse(r.source.as_deref()).code();
        let filed = holds(beijing_day(r.created_at));
        let approved =
            r.status == RequestState::Approved.as_str() && holds(beijing_day(r.updated_at));
        if !filed && !approved {
            continue;
        }
        let county = r
            .jurisdiction
            .clone()
            .filter(|j| JurisdictionId::from_wire(j).is_some_and(|j| j != JurisdictionId::Other));
        let figures = |f: &mut ReachFigures| {
            f.filed += u64::from(filed);
            f.approved += u64::from(approved);
        };
        figures(&mut total);
        figures(sources.entry(source).or_default());
        match &county {
            Some(j) => {
                figures(counties.entry(j.clone()).or_default());
                if filed {
                    filed_by.entry(j.clone()).or_default().insert(r.owner_id);
                }
                if approved {
                    helped_by.entry(j.clone()).or_default().insert(r.owner_id);
                }
            }
            None => figures(&mut unknown),
        }
        if let Some(m) = MeasureId::parse(&r.measure).filter(|m| catalog.measure(*m).is_some()) {
            let row = measures
                .entry(r.measure.clone())
                .or_insert_with(|| empty_row(m));
            row.filed += u64::from(filed);
            row.approved += u64::from(approved);
        }
    }

    // The latest count recorded for each county.
    let mut registered: HashMap<JurisdictionId, (u64, NaiveDate)> = HashMap::new();
    for r in crate::store::settings::all(&state.db).await? {
        if let Setting::RegisteredBusinesses { county, count, on } = r.setting {
            registered.insert(county, (count, on));
        }
    }

    let mut source_rows: Vec<SourceReach> = sources
        .into_iter()
        .map(|(code, figures)| {
            let s = Source::parse(Some(&code));
            SourceReach {
                source: code,
                channel: s.channel,
                county: s.county,
                figures,
            }
        })
        .collect();
    source_rows.sort_by(|a, b| {
        (b.figures.opens + b.figures.checks + b.figures.filed)
            .cmp(&(a.figures.opens + a.figures.checks + a.figures.filed))
            .then_with(|| a.source.cmp(&b.source))
    });
    let measure_rows = catalog
        .measures
        .iter()
        .filter_map(|m| measures.remove(m.id.as_str()))
        .collect();
    let county_rows = catalog
        .jurisdictions
        .iter()
        .filter(|j| j.id != JurisdictionId::Other)
        .map(|j| {
            let key = j.id.as_str();
            let figures = counties.get(key).copied().unwrap_or_default();
            let (count, on) = registered
                .get(&j.id)
                .map_or((None, None), |(c, on)| (Some(*c), Some(*on)));
            let businesses_filed = filed_by.get(key).map_or(0, |s| s.len() as u64);
            let businesses_helped = helped_by.get(key).map_or(0, |s| s.len() as u64);
            CountyReach {
                county: j.id,
                figures,
                registered: count,
                registered_on: on,
                businesses_filed,
                businesses_helped,
                awareness_rate: rate(figures.checks, count),
                coverage_rate: rate(businesses_helped, count),
            }
        })
        .collect();
    Ok(ReachResponse {
        from,
        to,
        total,
        sources: source_rows,
        measures: measure_rows,
        counties: county_rows,
        county_unknown: unknown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_in_a_body_is_shown_as_text_and_a_script_link_goes_nowhere() {
        let html = render_body(
            "## 谁能享受\n\n<script>alert(1)</script>\n\n[看这里](javascript:alert(1)) [州政府](https://www.xjbz.gov.cn/)",
        );
        assert!(html.contains("<h2>谁能享受</h2>"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("href=\"#\""), "{html}");
        assert!(html.contains("href=\"https://www.xjbz.gov.cn/\""), "{html}");
    }

    #[test]
    fn a_body_may_show_only_images_uploaded_for_its_measure() {
        let m = MeasureId::parse("rent-waiver-state").unwrap();
        let images: HashSet<String> = ["imgab.png".to_string()].into();
        assert!(
            check_body(
                m,
                "![门店](/measures/rent-waiver-state/images/imgab.png)",
                &images
            )
            .is_ok()
        );
        for bad in [
            "![x](https://tracker.example/pixel.png)",
            "![x](/measures/rent-waiver-state/images/imgzz.png)",
            "![x](/measures/vat-exemption/images/imgab.png)",
            "[x](javascript:alert(1))",
            "[x](//evil.example/)",
        ] {
            assert!(check_body(m, bad, &images).is_err(), "{bad}");
        }
    }
}
