//! Confirmation by the one who pays or delivers: a confirmation per provider and month, sent
//! by the deciding department through a one-time link (its token kept as a SHA-256 hash)
//! or as an Excel template; a line per ledger opening it lists, with the provider's answer
//! and the entry that answer recorded.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Confirmations {
    Table,
    Id,
    Department,
    Provider,
    Month,
    TokenHash,
    CreatedAt,
    CreatedBy,
    AnswerBy,
    ExpiresAt,
    AnsweredAt,
    AnsweredBy,
}

#[derive(DeriveIden)]
enum ConfirmationLines {
    Table,
    Id,
    ConfirmationId,
    RequestId,
    OpeningId,
    ExpectedFen,
    State,
    ConfirmedFen,
    ConfirmedOn,
    Reason,
    EntryId,
}

#[derive(DeriveIden)]
enum LedgerEntries {
    Table,
    Id,
}

const LINES_OF: &str = "confirmation_lines_confirmation";
const LINES_BY_OPENING: &str = "confirmation_lines_opening";
const BY_DEPARTMENT: &str = "confirmations_department";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Confirmations::Table)
                    .col(
                        ColumnDef::new(Confirmations::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Confirmations::Department)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Confirmations::Provider)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Confirmations::Month)
                            .string_len(7)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Confirmations::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Confirmations::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Confirmations::CreatedBy)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Confirmations::AnswerBy).date().not_null())
                    .col(
                        ColumnDef::new(Confirmations::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Confirmations::AnsweredAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Confirmations::AnsweredBy)
                            .string_len(16)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(BY_DEPARTMENT)
                    .table(Confirmations::Table)
                    .col(Confirmations::Department)
                    .col(Confirmations::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConfirmationLines::Table)
                    .col(
                        ColumnDef::new(ConfirmationLines::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ConfirmationLines::ConfirmationId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConfirmationLines::RequestId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConfirmationLines::OpeningId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConfirmationLines::ExpectedFen)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConfirmationLines::State)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConfirmationLines::ConfirmedFen)
                            .big_integer()
                            .null(),
                    )
                    .col(ColumnDef::new(ConfirmationLines::ConfirmedOn).date().null())
                    .col(
                        ColumnDef::new(ConfirmationLines::Reason)
                            .string_len(200)
                            .null(),
                    )
                    .col(ColumnDef::new(ConfirmationLines::EntryId).integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(ConfirmationLines::Table, ConfirmationLines::ConfirmationId)
                            .to(Confirmations::Table, Confirmations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ConfirmationLines::Table, ConfirmationLines::OpeningId)
                            .to(LedgerEntries::Table, LedgerEntries::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(LINES_OF)
                    .table(ConfirmationLines::Table)
                    .col(ConfirmationLines::ConfirmationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(LINES_BY_OPENING)
                    .table(ConfirmationLines::Table)
                    .col(ConfirmationLines::OpeningId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ConfirmationLines::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Confirmations::Table).to_owned())
            .await
    }
}
