//! The ledger after a decision: entries an approval opens from its grant and the deciding
//! department records since (settled, refunded, paid, reversed). Rows are only ever added:
//! a correction is a reversal, and a reversal's `reverses` is unique, so an entry is undone
//! at most once even when two officials try at the same moment; an entry's idempotency key
//! is unique per request, so a repeated post writes nothing twice.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LedgerEntries {
    Table,
    Id,
    RequestId,
    Kind,
    AmountFen,
    HappenedOn,
    Month,
    DueOn,
    Reference,
    Note,
    Reverses,
    ReversesKind,
    Department,
    Jurisdiction,
    RecordedAt,
    RecordedBy,
    RecordedRole,
    IdempotencyKey,
}

const BY_REQUEST: &str = "ledger_entries_request";
const ONE_KEY: &str = "ledger_entries_request_key";
const REVERSED_ONCE: &str = "ledger_entries_reverses";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LedgerEntries::Table)
                    .col(
                        ColumnDef::new(LedgerEntries::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(LedgerEntries::RequestId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LedgerEntries::Kind)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LedgerEntries::AmountFen)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(LedgerEntries::HappenedOn).date().not_null())
                    .col(ColumnDef::new(LedgerEntries::Month).string_len(7).null())
                    .col(ColumnDef::new(LedgerEntries::DueOn).date().null())
                    .col(
                        ColumnDef::new(LedgerEntries::Reference)
                            .string_len(100)
                            .null(),
                    )
                    .col(ColumnDef::new(LedgerEntries::Note).string_len(500).null())
                    .col(ColumnDef::new(LedgerEntries::Reverses).integer().null())
                    .col(
                        ColumnDef::new(LedgerEntries::ReversesKind)
                            .string_len(16)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(LedgerEntries::Department)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LedgerEntries::Jurisdiction)
                            .string_len(32)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(LedgerEntries::RecordedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LedgerEntries::RecordedBy)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LedgerEntries::RecordedRole)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LedgerEntries::IdempotencyKey)
                            .string_len(160)
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(LedgerEntries::Table, LedgerEntries::RequestId)
                            .to(Requests::Table, Requests::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(LedgerEntries::Table, LedgerEntries::Reverses)
                            .to(LedgerEntries::Table, LedgerEntries::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(BY_REQUEST)
                    .table(LedgerEntries::Table)
                    .col(LedgerEntries::RequestId)
                    .col(LedgerEntries::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(ONE_KEY)
                    .table(LedgerEntries::Table)
                    .col(LedgerEntries::RequestId)
                    .col(LedgerEntries::IdempotencyKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(REVERSED_ONCE)
                    .table(LedgerEntries::Table)
                    .col(LedgerEntries::Reverses)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LedgerEntries::Table).to_owned())
            .await
    }
}
