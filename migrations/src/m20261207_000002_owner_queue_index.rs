//! Searching the officials' queue by a name many businesses share (a county's: a tenth of
//! all names) finds its requests through their owners: thousands of requests, each read
//! from its wide row (answers and payload) for its state and filing time, 62 ms at 100,000
//! requests. The owners' index gains the state and the filing time, so the page's order and
//! the counts per state are read from the index alone; it replaces the owner-only index,
//! whose lookups it serves as well. Only indexes change: old instances may run on during a
//! rolling restart.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Requests {
    Table,
    OwnerId,
    Status,
    CreatedAt,
}

/// The index this one replaces.
const OLD: &str = "requests_owner";
const NAME: &str = "requests_owner_state_filed";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Requests::Table)
                    .col(Requests::OwnerId)
                    .col(Requests::Status)
                    .col(Requests::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(OLD).table(Requests::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(OLD)
                    .table(Requests::Table)
                    .col(Requests::OwnerId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(NAME).table(Requests::Table).to_owned())
            .await
    }
}
