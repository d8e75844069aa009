//! The desk's queue comes by 办结时限 (the overdue first): each state's requests are walked
//! by their last day (open ones) or by when they were closed (closed ones), a page read per
//! state and merged, instead of sorting every request (45 ms at 100,000). The last-day
//! index also carries the pause, so it replaces the state's clock index
//! (`requests_queue_columns_by_state`: state, last day, pause) for the overdue filter it
//! served, and the planner has one index to walk in the queue's order. Only indexes change:
//! old instances may run on during a rolling restart.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
    Status,
    DueOn,
    PausedOn,
    UpdatedAt,
}

const DUE: &str = "requests_state_due";
/// The index the last-day index replaces.
const OLD: &str = "requests_queue_columns_by_state";
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
                    .col(Requests::PausedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(OLD).table(Requests::Table).to_owned())
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
        manager
            .create_index(
                Index::create()
                    .name(OLD)
                    .table(Requests::Table)
                    .col(Requests::Status)
                    .col(Requests::DueOn)
                    .col(Requests::PausedOn)
                    .to_owned(),
            )
            .await?;
        for name in [DUE, CLOSED] {
            manager
                .drop_index(Index::drop().name(name).table(Requests::Table).to_owned())
                .await?;
        }
        Ok(())
    }
}
