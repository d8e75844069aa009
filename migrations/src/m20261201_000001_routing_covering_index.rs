//! The officials' queue at scale: a department's routed requests read from one covering
//! index (department, request), so counting and paging a department's queue never reads
//! the routing table's rows. Only adds: old instances may run on during a rolling restart.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RequestDepartments {
    Table,
    DepartmentId,
    RequestId,
}

const NAME: &str = "request_departments_department_request";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(RequestDepartments::Table)
                    .col(RequestDepartments::DepartmentId)
                    .col(RequestDepartments::RequestId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NAME)
                    .table(RequestDepartments::Table)
                    .to_owned(),
            )
            .await
    }
}
