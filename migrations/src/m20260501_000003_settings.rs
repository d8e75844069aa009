//! Settings administrators record that change results (calendar days, time limits,
//! application windows, redacted amounts): dated rows apart from the catalog version. Each
//! request event keeps the revision of facts and settings it was made under.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Settings {
    Table,
    Id,
    Setting,
    Subject,
    Value,
    RecordedAt,
    RecordedBy,
}

#[derive(DeriveIden)]
enum RequestEvents {
    Table,
    RulesRevision,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Settings::Table)
                    .col(
                        ColumnDef::new(Settings::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Settings::Setting).string_len(32).not_null())
                    .col(ColumnDef::new(Settings::Subject).string_len(64).not_null())
                    .col(ColumnDef::new(Settings::Value).text().not_null())
                    .col(
                        ColumnDef::new(Settings::RecordedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Settings::RecordedBy).integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(RequestEvents::Table)
                    .add_column(
                        ColumnDef::new(RequestEvents::RulesRevision)
                            .integer()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(RequestEvents::Table)
                    .drop_column(RequestEvents::RulesRevision)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Settings::Table).to_owned())
            .await
    }
}
