//! Catalog versions in the database: stored once, never changed.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, SqlErr,
};
use shared::Catalog;

use super::entities::catalog_version::{self, Entity as CatalogVersion};

#[derive(Debug, thiserror::Error)]
pub enum StoreCatalogError {
    #[error(
        "catalog version {0} is already stored with different content; publish changes under a new version"
    )]
    VersionConflict(String),
    #[error("the catalog could not be serialized: {0}")]
    Serialize(#[from] serde_json::Error),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Stores `catalog` under its version unless that version is there already. A stored
/// version is immutable: the same version with other content is refused.
/// Returns whether it was stored now.
pub async fn ensure_stored(
    db: &DatabaseConnection,
    catalog: &Catalog,
    source: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<bool, StoreCatalogError> {
    let content = serde_json::to_string(catalog)?;
    if let Some(existing) = find(db, &catalog.version).await? {
        return same_or_conflict(existing, &content, &catalog.version).map(|()| false);
    }
    let row = catalog_version::ActiveModel {
        version: Set(catalog.version.clone()),
        content: Set(content.clone()),
        source: Set(source.to_owned()),
        created_at: Set(at),
        ..Default::default()
    };
    match CatalogVersion::insert(row).exec(db).await {
        Ok(_) => Ok(true),
        // Another instance stored it between our read and our write.
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            match find(db, &catalog.version).await? {
                Some(existing) => {
                    same_or_conflict(existing, &content, &catalog.version).map(|()| false)
                }
                None => Err(StoreCatalogError::Db(e)),
            }
        }
        Err(e) => Err(e.into()),
    }
}

async fn find(
    db: &DatabaseConnection,
    version: &str,
) -> Result<Option<catalog_version::Model>, DbErr> {
    CatalogVersion::find()
        .filter(catalog_version::Column::Version.eq(version))
        .one(db)
        .await
}

fn same_or_conflict(
    existing: catalog_version::Model,
    content: &str,
    version: &str,
) -> Result<(), StoreCatalogError> {
    if existing.content == content {
        Ok(())
    } else {
        Err(StoreCatalogError::VersionConflict(version.to_owned()))
    }
}

/// The versions stored, oldest first.
pub async fn versions(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    Ok(CatalogVersion::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.version)
        .collect())
}
