//! The desk's queue comes by 办结时限 (the overdue first): each state's requests are walked
//! by their last day (open ones) or by when they were closed (closed ones), a page read per
//! state and merged, instead of sorting every request (45 ms at 100,000). Only indexes
//! change: old instances may run on during a rolling restart.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
    Status,
    DueOn,
    UpdatedAt,
}

const DUE: &str = "requests_state_due";
const CLOSED: &str = "requests_state_closed";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(DUE)
                    .table(Requests::Table)
                    .col(Requests::Status)
                    .col(Requests::DueOn)
                    .col(Requests::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(CLOSED)
                    .table(Requests::Table)
                    .col(Requests::Status)
                    .col(Requests::UpdatedAt)
                    .col(Requests::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [DUE, CLOSED] {
            manager
                .drop_index(Index::drop().name(name).table(Requests::Table).to_owned())
                .await?;
        }
        Ok(())
    }
}
