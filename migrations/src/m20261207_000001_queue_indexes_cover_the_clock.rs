//! The officials' queue after the time limit learned to pause (补正) and a leading
//! department (牵头): "overdue" now reads when a request was paused and which department
//! leads it, columns the queue's covering indexes did not hold, so counting overdue requests
//! read the wide rows (answers and payload) again: 64 ms at 100,000 requests for the
//! supervisor, 46 ms for an official. The index that starts with the id gains the two
//! columns (a department's requests, found through its routing, are read from it), and an
//! index that starts with the state holds what "overdue" reads (the supervisor's counts of
//! overdue requests read it alone; narrow, so the planner keeps the jurisdiction's index for
//! the other filters). Only indexes change: old instances may run on during
//! a rolling restart.

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
    PausedOn,
    LeadDepartment,
    Kind,
    Measure,
}

/// The index this one replaces (it lacks the clock's columns).
const OLD: &str = "requests_queue_columns";
/// By id: what a routed request's filters read.
const BY_ID: &str = "requests_queue_columns_by_id";
/// By state: what "overdue" reads.
const BY_STATE: &str = "requests_queue_columns_by_state";

fn by_id() -> IndexCreateStatement {
    Index::create()
        .name(BY_ID)
        .table(Requests::Table)
        .col(Requests::Id)
        .col(Requests::Jurisdiction)
        .col(Requests::Status)
        .col(Requests::CreatedAt)
        .col(Requests::DueOn)
        .col(Requests::PausedOn)
        .col(Requests::LeadDepartment)
        .col(Requests::Kind)
        .col(Requests::Measure)
        .to_owned()
}

fn by_state() -> IndexCreateStatement {
    Index::create()
        .name(BY_STATE)
        .table(Requests::Table)
        .col(Requests::Status)
        .col(Requests::DueOn)
        .col(Requests::PausedOn)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(by_id()).await?;
        manager.create_index(by_state()).await?;
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
                    .col(Requests::Id)
                    .col(Requests::Jurisdiction)
                    .col(Requests::Status)
                    .col(Requests::CreatedAt)
                    .col(Requests::DueOn)
                    .col(Requests::Kind)
                    .col(Requests::Measure)
                    .to_owned(),
            )
            .await?;
        for name in [BY_ID, BY_STATE] {
            manager
                .drop_index(Index::drop().name(name).table(Requests::Table).to_owned())
                .await?;
        }
        Ok(())
    }
}
