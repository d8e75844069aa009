//! Request integrity: the day a department asked the owner for more (the time limit stops
//! while it waits, 补正), the department that leads a request shared by several (牵头单位),
//! and on each history event the due date it set and the working days a pause took. Only
//! adds nullable columns: old instances may run on during a rolling restart.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Requests {
    Table,
    PausedOn,
    LeadDepartment,
}

#[derive(DeriveIden)]
enum RequestEvents {
    Table,
    DueOn,
    PausedWorkingDays,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite adds one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Requests::Table)
                    .add_column(ColumnDef::new(Requests::PausedOn).date().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Requests::Table)
                    .add_column(ColumnDef::new(Requests::LeadDepartment).string().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(RequestEvents::Table)
                    .add_column(ColumnDef::new(RequestEvents::DueOn).date().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(RequestEvents::Table)
                    .add_column(
                        ColumnDef::new(RequestEvents::PausedWorkingDays)
                            .integer()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in [
            (Requests::Table.into_iden(), Requests::PausedOn.into_iden()),
            (
                Requests::Table.into_iden(),
                Requests::LeadDepartment.into_iden(),
            ),
            (
                RequestEvents::Table.into_iden(),
                RequestEvents::DueOn.into_iden(),
            ),
            (
                RequestEvents::Table.into_iden(),
                RequestEvents::PausedWorkingDays.into_iden(),
            ),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
