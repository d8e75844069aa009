//! Publicity: interpretations (each publish a new version), their images, and the aggregate
//! reach counters.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use shared::Lang;
use shared::api::publicity::InterpretationView;
use shared::catalog::MeasureId;

use super::entities::{interpretation, interpretation_image, reach_counter, request};
use super::{WriteError, write_error};

fn view(m: interpretation::Model) -> Result<InterpretationView, DbErr> {
    Ok(InterpretationView {
        measure: MeasureId::parse(&m.measure)
            .ok_or_else(|| DbErr::Custom(format!("stored measure `{}`", m.measure)))?,
        lang: Lang::parse(&m.lang)
            .ok_or_else(|| DbErr::Custom(format!("stored language `{}`", m.lang)))?,
        version: m.version,
        title: m.title,
        body: m.body,
        published_at: m.published_at,
        published_by: i64::from(m.published_by),
    })
}

/// Every version of a measure's interpretation, in every language: newest first.
pub async fn versions(
    db: &impl ConnectionTrait,
    measure: MeasureId,
) -> Result<Vec<InterpretationView>, DbErr> {
    interpretation::Entity::find()
        .filter(interpretation::Column::Measure.eq(measure.as_str()))
        .order_by_desc(interpretation::Column::Version)
        .order_by_asc(interpretation::Column::Lang)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect()
}

/// The version in force of a measure's interpretation in a language: the latest.
pub async fn latest(
    db: &impl ConnectionTrait,
    measure: MeasureId,
    lang: Lang,
) -> Result<Option<InterpretationView>, DbErr> {
    interpretation::Entity::find()
        .filter(interpretation::Column::Measure.eq(measure.as_str()))
        .filter(interpretation::Column::Lang.eq(lang.as_str()))
        .order_by_desc(interpretation::Column::Version)
        .one(db)
        .await?
        .map(view)
        .transpose()
}

/// The languages each measure has an interpretation in.
pub async fn published(db: &impl ConnectionTrait) -> Result<Vec<(String, String)>, DbErr> {
    interpretation::Entity::find()
        .select_only()
        .column(interpretation::Column::Measure)
        .column(interpretation::Column::Lang)
        .distinct()
        .into_tuple()
        .all(db)
        .await
}

/// Writes the next version; `Taken` when another publisher wrote that version first.
pub async fn publish(
    txn: &DatabaseTransaction,
    measure: MeasureId,
    lang: Lang,
    title: &str,
    body: &str,
    at: DateTime<Utc>,
    by: i32,
) -> Result<InterpretationView, WriteError> {
    let last: Option<i32> = interpretation::Entity::find()
        .select_only()
        .column_as(interpretation::Column::Version.max(), "version")
        .filter(interpretation::Column::Measure.eq(measure.as_str()))
        .filter(interpretation::Column::Lang.eq(lang.as_str()))
        .into_tuple::<Option<i32>>()
        .one(txn)
        .await?
        .flatten();
    let model = interpretation::ActiveModel {
        measure: Set(measure.as_str().into()),
        lang: Set(lang.as_str().into()),
        version: Set(last.unwrap_or(0) + 1),
        title: Set(title.into()),
        body: Set(body.into()),
        published_at: Set(at),
        published_by: Set(by),
        ..Default::default()
    };
    let inserted = interpretation::Entity::insert(model)
        .exec_with_returning(txn)
        .await
        .map_err(write_error)?;
    Ok(view(inserted)?)
}

/// An image stored for interpretations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRecord {
    pub name: String,
    pub measure: String,
    pub content_type: String,
    pub bytes: i32,
}

/// Records an image (named by its content: the same image uploaded again is the same row).
pub async fn insert_image(
    txn: &DatabaseTransaction,
    image: &ImageRecord,
    at: DateTime<Utc>,
    by: i32,
) -> Result<(), DbErr> {
    interpretation_image::Entity::insert(interpretation_image::ActiveModel {
        name: Set(image.name.clone()),
        measure: Set(image.measure.clone()),
        content_type: Set(image.content_type.clone()),
        bytes: Set(image.bytes),
        uploaded_at: Set(at),
        uploaded_by: Set(by),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(interpretation_image::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

pub async fn image(
    db: &impl ConnectionTrait,
    measure: MeasureId,
    name: &str,
) -> Result<Option<ImageRecord>, DbErr> {
    Ok(interpretation_image::Entity::find()
        .filter(interpretation_image::Column::Name.eq(name))
        .filter(interpretation_image::Column::Measure.eq(measure.as_str()))
        .one(db)
        .await?
        .map(|m| ImageRecord {
            name: m.name,
            measure: m.measure,
            content_type: m.content_type,
            bytes: m.bytes,
        }))
}

/// The names of the images uploaded for a measure.
pub async fn images_of(
    db: &impl ConnectionTrait,
    measure: MeasureId,
) -> Result<Vec<String>, DbErr> {
    interpretation_image::Entity::find()
        .select_only()
        .column(interpretation_image::Column::Name)
        .filter(interpretation_image::Column::Measure.eq(measure.as_str()))
        .into_tuple()
        .all(db)
        .await
}

/// The stored names of every image (the documents' sweep keeps them).
pub async fn image_names(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    interpretation_image::Entity::find()
        .select_only()
        .column(interpretation_image::Column::Name)
        .into_tuple()
        .all(db)
        .await
}

/// What one counter counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CounterKey {
    pub day: NaiveDate,
    pub event: &'static str,
    pub source: String,
    /// Empty: no measure.
    pub measure: String,
    /// Empty: no county known.
    pub county: String,
}

/// Adds to counters (a row each, created at its first count): safe beside other server
/// processes adding to the same rows.
pub async fn add_counts(
    txn: &DatabaseTransaction,
    counts: &[(CounterKey, u64)],
) -> Result<(), DbErr> {
    for chunk in counts.chunks(200) {
        let rows = chunk.iter().map(|(k, n)| reach_counter::ActiveModel {
            day: Set(k.day),
            event: Set(k.event.into()),
            source: Set(k.source.clone()),
            measure: Set(k.measure.clone()),
            county: Set(k.county.clone()),
            count: Set(i64::try_from(*n).unwrap_or(i64::MAX)),
        });
        reach_counter::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([
                    reach_counter::Column::Day,
                    reach_counter::Column::Event,
                    reach_counter::Column::Source,
                    reach_counter::Column::Measure,
                    reach_counter::Column::County,
                ])
                .value(
                    reach_counter::Column::Count,
                    Expr::cust("reach_counters.count + excluded.count"),
                )
                .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

/// A counter read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub event: String,
    pub source: String,
    pub measure: String,
    pub county: String,
    pub count: i64,
}

/// The counters from `from` to `to` (inclusive), a row per day (summed by the caller:
/// PostgreSQL's sum of a bigint is a numeric).
pub async fn counts(
    db: &impl ConnectionTrait,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Counted>, DbErr> {
    Ok(reach_counter::Entity::find()
        .filter(reach_counter::Column::Day.gte(from))
        .filter(reach_counter::Column::Day.lte(to))
        .all(db)
        .await?
        .into_iter()
        .map(|m| Counted {
            event: m.event,
            source: m.source,
            measure: m.measure,
            county: m.county,
            count: m.count,
        })
        .collect())
}

/// A request as the reach figures count it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiledRow {
    pub owner_id: i32,
    pub measure: String,
    pub jurisdiction: Option<String>,
    pub source: Option<String>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    /// A decided request's last change: its decision.
    pub updated_at: DateTime<Utc>,
}

/// Every request, with its source (the reach figures choose by day, as the assessment does).
pub async fn requests(db: &impl ConnectionTrait) -> Result<Vec<FiledRow>, DbErr> {
    type Row = (
        i32,
        String,
        Option<String>,
        Option<String>,
        String,
        DateTime<Utc>,
        DateTime<Utc>,
    );
    let rows: Vec<Row> = request::Entity::find()
        .select_only()
        .column(request::Column::OwnerId)
        .column(request::Column::Measure)
        .column(request::Column::Jurisdiction)
        .column(request::Column::Source)
        .column(request::Column::Status)
        .column(request::Column::CreatedAt)
        .column(request::Column::UpdatedAt)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(owner_id, measure, jurisdiction, source, status, created_at, updated_at)| FiledRow {
                owner_id,
                measure,
                jurisdiction,
                source,
                status,
                created_at,
                updated_at,
            },
        )
        .collect())
}
