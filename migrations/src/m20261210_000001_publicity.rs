//! Publicity (part 三(三)): interpretations per measure and language, each publish a new
//! version; the images they show; aggregate reach counters (a day, an event, a source, a
//! measure, a county and a count — nothing about anyone); and the source a request was filed
//! from, so approvals are counted per source.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Interpretations {
    Table,
    Id,
    Measure,
    Lang,
    Version,
    Title,
    Body,
    PublishedAt,
    PublishedBy,
}

#[derive(DeriveIden)]
enum InterpretationImages {
    Table,
    Id,
    Name,
    Measure,
    ContentType,
    Bytes,
    UploadedAt,
    UploadedBy,
}

#[derive(DeriveIden)]
enum ReachCounters {
    Table,
    Day,
    Event,
    Source,
    Measure,
    County,
    Count,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Source,
}

const INTERPRETATION_VERSION: &str = "interpretations_measure_lang_version";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Interpretations::Table)
                    .col(
                        ColumnDef::new(Interpretations::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Interpretations::Measure)
                            .string_len(48)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Interpretations::Lang)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Interpretations::Version)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Interpretations::Title)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Interpretations::Body).text().not_null())
                    .col(
                        ColumnDef::new(Interpretations::PublishedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Interpretations::PublishedBy)
                            .integer()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        // Two publishers at once cannot both write version n: one of them is refused.
        manager
            .create_index(
                Index::create()
                    .name(INTERPRETATION_VERSION)
                    .table(Interpretations::Table)
                    .col(Interpretations::Measure)
                    .col(Interpretations::Lang)
                    .col(Interpretations::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InterpretationImages::Table)
                    .col(
                        ColumnDef::new(InterpretationImages::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(InterpretationImages::Name)
                            .string_len(80)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(InterpretationImages::Measure)
                            .string_len(48)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InterpretationImages::ContentType)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InterpretationImages::Bytes)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InterpretationImages::UploadedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InterpretationImages::UploadedBy)
                            .integer()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReachCounters::Table)
                    .col(ColumnDef::new(ReachCounters::Day).date().not_null())
                    .col(
                        ColumnDef::new(ReachCounters::Event)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReachCounters::Source)
                            .string_len(40)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReachCounters::Measure)
                            .string_len(48)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReachCounters::County)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReachCounters::Count)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ReachCounters::Day)
                            .col(ReachCounters::Event)
                            .col(ReachCounters::Source)
                            .col(ReachCounters::Measure)
                            .col(ReachCounters::County),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Requests::Table)
                    .add_column(ColumnDef::new(Requests::Source).string_len(40).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Requests::Table)
                    .drop_column(Requests::Source)
                    .to_owned(),
            )
            .await?;
        for table in [
            ReachCounters::Table.into_iden(),
            InterpretationImages::Table.into_iden(),
            Interpretations::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
