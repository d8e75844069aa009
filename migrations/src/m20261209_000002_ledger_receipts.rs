//! Whether the money reached the business: the owner answers once for each refund or payment
//! the department recorded; a "no" is a work item of the department until it says what it
//! found (the supervising office sees the open ones).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LedgerEntries {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LedgerReceipts {
    Table,
    Id,
    RequestId,
    EntryId,
    Received,
    Note,
    AnsweredAt,
    OwnerId,
    Department,
    Jurisdiction,
    ResolvedAt,
    ResolvedBy,
    Resolution,
}

const OPEN_BY_DEPARTMENT: &str = "ledger_receipts_open";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LedgerReceipts::Table)
                    .col(
                        ColumnDef::new(LedgerReceipts::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(LedgerReceipts::RequestId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LedgerReceipts::EntryId)
                            .integer()
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(LedgerReceipts::Received)
                            .boolean()
                            .not_null(),
                    )
                    .col(ColumnDef::new(LedgerReceipts::Note).string_len(500).null())
                    .col(
                        ColumnDef::new(LedgerReceipts::AnsweredAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(LedgerReceipts::OwnerId).integer().not_null())
                    .col(
                        ColumnDef::new(LedgerReceipts::Department)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LedgerReceipts::Jurisdiction)
                            .string_len(32)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(LedgerReceipts::ResolvedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(LedgerReceipts::ResolvedBy).integer().null())
                    .col(
                        ColumnDef::new(LedgerReceipts::Resolution)
                            .string_len(500)
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(LedgerReceipts::Table, LedgerReceipts::EntryId)
                            .to(LedgerEntries::Table, LedgerEntries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OPEN_BY_DEPARTMENT)
                    .table(LedgerReceipts::Table)
                    .col(LedgerReceipts::Department)
                    .col(LedgerReceipts::Received)
                    .col(LedgerReceipts::ResolvedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LedgerReceipts::Table).to_owned())
            .await
    }
}
