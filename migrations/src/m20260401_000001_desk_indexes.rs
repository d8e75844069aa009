//! The officials' desk: indexes for the queue's order (newest filed first, keyset pages),
//! its filters (status, jurisdiction, measure, overdue) and its search joins.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
    Status,
    Measure,
    Jurisdiction,
    DueOn,
    CreatedAt,
}

/// (name, columns) of each index on `requests`.
fn indexes() -> Vec<(&'static str, Vec<Requests>)> {
    vec![
        ("requests_filed", vec![Requests::CreatedAt, Requests::Id]),
        (
            "requests_status_filed",
            vec![Requests::Status, Requests::CreatedAt, Requests::Id],
        ),
        (
            "requests_jurisdiction_filed",
            vec![Requests::Jurisdiction, Requests::CreatedAt, Requests::Id],
        ),
        ("requests_measure", vec![Requests::Measure]),
        ("requests_due", vec![Requests::DueOn]),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, cols) in indexes() {
            let mut index = Index::create();
            index.name(name).table(Requests::Table);
            for c in cols {
                index.col(c);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in indexes() {
            manager
                .drop_index(Index::drop().name(name).table(Requests::Table).to_owned())
                .await?;
        }
        Ok(())
    }
}
