//! Facts administrators record about jurisdictions (listed as a medium/high-risk area in
//! 2022, adopted the electricity subsidy): dated rows kept apart from the catalog version;
//! the latest row of each jurisdiction and fact is in force.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum JurisdictionFacts {
    Table,
    Id,
    Jurisdiction,
    Fact,
    Value,
    RecordedAt,
    RecordedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(JurisdictionFacts::Table)
                    .col(
                        ColumnDef::new(JurisdictionFacts::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(JurisdictionFacts::Jurisdiction)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(JurisdictionFacts::Fact)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(JurisdictionFacts::Value)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(JurisdictionFacts::RecordedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(JurisdictionFacts::RecordedBy)
                            .integer()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("jurisdiction_facts_key")
                    .table(JurisdictionFacts::Table)
                    .col(JurisdictionFacts::Jurisdiction)
                    .col(JurisdictionFacts::Fact)
                    .col(JurisdictionFacts::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(JurisdictionFacts::Table).to_owned())
            .await
    }
}
