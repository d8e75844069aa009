//! Reminders that fire once: before a deferral's settle-by day (30, 7 and 1 days) the owner
//! gets an in-app message and the webhook fires. Each reminder is a claimed row, unique per
//! request, day and threshold, written in the transaction that sends it: a restart or a
//! second server process finds it claimed and sends nothing twice. A message may now carry
//! a reminder (the day, the amount still owed, the days left) instead of a change of state.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LedgerReminders {
    Table,
    Id,
    RequestId,
    DueOn,
    DaysBefore,
    SentAt,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    ReminderDueOn,
    ReminderFen,
    ReminderDays,
}

const ONCE: &str = "ledger_reminders_once";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LedgerReminders::Table)
                    .col(
                        ColumnDef::new(LedgerReminders::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(LedgerReminders::RequestId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(LedgerReminders::DueOn).date().not_null())
                    .col(
                        ColumnDef::new(LedgerReminders::DaysBefore)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LedgerReminders::SentAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(LedgerReminders::Table, LedgerReminders::RequestId)
                            .to(Requests::Table, Requests::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(ONCE)
                    .table(LedgerReminders::Table)
                    .col(LedgerReminders::RequestId)
                    .col(LedgerReminders::DueOn)
                    .col(LedgerReminders::DaysBefore)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // One column a statement: SQLite adds one at a time.
        for column in [
            ColumnDef::new(Messages::ReminderDueOn)
                .date()
                .null()
                .to_owned(),
            ColumnDef::new(Messages::ReminderFen)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(Messages::ReminderDays)
                .integer()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Messages::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Messages::ReminderDueOn,
            Messages::ReminderFen,
            Messages::ReminderDays,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Messages::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(LedgerReminders::Table).to_owned())
            .await
    }
}
