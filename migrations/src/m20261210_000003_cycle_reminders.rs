//! Reminders on a utility's monthly cycle (before its meter reading): one claimed row per
//! request, month and utility, so a restart or a second process sends none twice; and the
//! utility a reminder message is about.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CycleReminders {
    Table,
    Id,
    RequestId,
    Month,
    Utility,
    SentAt,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    ReminderUtility,
}

const ONCE: &str = "cycle_reminders_once";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CycleReminders::Table)
                    .col(
                        ColumnDef::new(CycleReminders::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CycleReminders::RequestId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CycleReminders::Month)
                            .string_len(7)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CycleReminders::Utility)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CycleReminders::SentAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(ONCE)
                    .table(CycleReminders::Table)
                    .col(CycleReminders::RequestId)
                    .col(CycleReminders::Month)
                    .col(CycleReminders::Utility)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Messages::Table)
                    .add_column(
                        ColumnDef::new(Messages::ReminderUtility)
                            .string_len(16)
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
                    .table(Messages::Table)
                    .drop_column(Messages::ReminderUtility)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(CycleReminders::Table).to_owned())
            .await
    }
}
