//! The officials' queue at scale: the columns the queue filters and counts by, in one index
//! that starts with the request's id. A department's queue finds its requests through the
//! routing index and then reads each one's state, place, dates, kind and measure from this
//! narrow index instead of from the wide rows (answers and payload), which made counting a
//! department's 16,000 requests read most of the table. Only adds: old instances may run on
//! during a rolling restart.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
    Jurisdiction,
    Status,
    CreatedAt,
    DueOn,
    Kind,
    Measure,
}

const NAME: &str = "requests_queue_columns";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Requests::Table)
                    .col(Requests::Id)
                    .col(Requests::Jurisdiction)
                    .col(Requests::Status)
                    .col(Requests::CreatedAt)
                    .col(Requests::DueOn)
                    .col(Requests::Kind)
                    .col(Requests::Measure)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(Requests::Table).to_owned())
            .await
    }
}
