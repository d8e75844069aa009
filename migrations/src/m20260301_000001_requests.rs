//! Requests: the filed requests and the departments they are routed to, their append-only
//! history, idempotency keys, documents, the owners' in-app messages and the webhook outbox.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Departments {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
    Number,
    OwnerId,
    Measure,
    Kind,
    Status,
    Version,
    Jurisdiction,
    RoutedJurisdiction,
    CatalogVersion,
    Answers,
    Payload,
    Grant,
    DueOn,
    /// `owner:measure` while the request is open, NULL once closed: unique.
    OpenKey,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RequestDepartments {
    Table,
    RequestId,
    DepartmentId,
}

#[derive(DeriveIden)]
enum RequestEvents {
    Table,
    Id,
    RequestId,
    At,
    ActorId,
    ActorRole,
    Kind,
    FromStatus,
    ToStatus,
    Comment,
    Documents,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    UserId,
    Key,
    BodyHash,
    RequestId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
    RequestId,
    UploaderId,
    Purpose,
    DocType,
    Size,
    StorageName,
    Sha256,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    UserId,
    RequestId,
    Status,
    At,
    ReadAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    RequestId,
    Event,
    Body,
    Attempts,
    NextAttemptAt,
    DeliveredAt,
    LastError,
    CreatedAt,
}

fn id_col<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn int<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).integer().not_null().to_owned()
}

fn at<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn at_null<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn text<T: IntoIden>(name: T, len: u32) -> ColumnDef {
    ColumnDef::new(name).string_len(len).not_null().to_owned()
}

fn text_null<T: IntoIden>(name: T, len: u32) -> ColumnDef {
    ColumnDef::new(name).string_len(len).null().to_owned()
}

fn long<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).text().not_null().to_owned()
}

fn fk<T: IntoIden, U: IntoIden>(
    table: T,
    col: U,
    to: impl IntoIden,
    to_col: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(to, to_col)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Requests::Table)
                    .col(id_col(Requests::Id))
                    .col(text_null(Requests::Number, 32).unique_key())
                    .col(int(Requests::OwnerId))
                    .col(text(Requests::Measure, 64))
                    .col(text(Requests::Kind, 32))
                    .col(text(Requests::Status, 16))
                    .col(int(Requests::Version))
                    .col(text_null(Requests::Jurisdiction, 32))
                    .col(text_null(Requests::RoutedJurisdiction, 32))
                    .col(text(Requests::CatalogVersion, 64))
                    .col(long(Requests::Answers))
                    .col(long(Requests::Payload))
                    .col(ColumnDef::new(Requests::Grant).text().null())
                    .col(ColumnDef::new(Requests::DueOn).date().not_null())
                    .col(text_null(Requests::OpenKey, 96).unique_key())
                    .col(at(Requests::CreatedAt))
                    .col(at(Requests::UpdatedAt))
                    .foreign_key(&mut fk(
                        Requests::Table,
                        Requests::OwnerId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("requests_owner")
                    .table(Requests::Table)
                    .col(Requests::OwnerId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RequestDepartments::Table)
                    .col(int(RequestDepartments::RequestId))
                    .col(text(RequestDepartments::DepartmentId, 32))
                    .primary_key(
                        Index::create()
                            .col(RequestDepartments::RequestId)
                            .col(RequestDepartments::DepartmentId),
                    )
                    .foreign_key(&mut fk(
                        RequestDepartments::Table,
                        RequestDepartments::RequestId,
                        Requests::Table,
                        Requests::Id,
                    ))
                    .foreign_key(&mut fk(
                        RequestDepartments::Table,
                        RequestDepartments::DepartmentId,
                        Departments::Table,
                        Departments::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("request_departments_department")
                    .table(RequestDepartments::Table)
                    .col(RequestDepartments::DepartmentId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RequestEvents::Table)
                    .col(id_col(RequestEvents::Id))
                    .col(int(RequestEvents::RequestId))
                    .col(at(RequestEvents::At))
                    .col(int(RequestEvents::ActorId))
                    .col(text(RequestEvents::ActorRole, 16))
                    .col(text(RequestEvents::Kind, 16))
                    .col(text_null(RequestEvents::FromStatus, 16))
                    .col(text(RequestEvents::ToStatus, 16))
                    .col(ColumnDef::new(RequestEvents::Comment).text().null())
                    .col(long(RequestEvents::Documents))
                    .foreign_key(&mut fk(
                        RequestEvents::Table,
                        RequestEvents::RequestId,
                        Requests::Table,
                        Requests::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("request_events_request")
                    .table(RequestEvents::Table)
                    .col(RequestEvents::RequestId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(int(IdempotencyKeys::UserId))
                    .col(text(IdempotencyKeys::Key, 128))
                    .col(text(IdempotencyKeys::BodyHash, 64))
                    .col(int(IdempotencyKeys::RequestId))
                    .col(at(IdempotencyKeys::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(IdempotencyKeys::UserId)
                            .col(IdempotencyKeys::Key),
                    )
                    .foreign_key(&mut fk(
                        IdempotencyKeys::Table,
                        IdempotencyKeys::RequestId,
                        Requests::Table,
                        Requests::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Documents::Table)
                    .col(id_col(Documents::Id))
                    .col(int(Documents::RequestId))
                    .col(int(Documents::UploaderId))
                    .col(text(Documents::Purpose, 32))
                    .col(text(Documents::DocType, 16))
                    .col(ColumnDef::new(Documents::Size).big_integer().not_null())
                    .col(text(Documents::StorageName, 128).unique_key())
                    .col(text(Documents::Sha256, 64))
                    .col(at(Documents::CreatedAt))
                    .foreign_key(&mut fk(
                        Documents::Table,
                        Documents::RequestId,
                        Requests::Table,
                        Requests::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Messages::Table)
                    .col(id_col(Messages::Id))
                    .col(int(Messages::UserId))
                    .col(int(Messages::RequestId))
                    .col(text(Messages::Status, 16))
                    .col(at(Messages::At))
                    .col(at_null(Messages::ReadAt))
                    .foreign_key(&mut fk(
                        Messages::Table,
                        Messages::UserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .foreign_key(&mut fk(
                        Messages::Table,
                        Messages::RequestId,
                        Requests::Table,
                        Requests::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("messages_user")
                    .table(Messages::Table)
                    .col(Messages::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(id_col(Outbox::Id))
                    .col(int(Outbox::RequestId))
                    .col(text(Outbox::Event, 16))
                    .col(long(Outbox::Body))
                    .col(int(Outbox::Attempts))
                    .col(at(Outbox::NextAttemptAt))
                    .col(at_null(Outbox::DeliveredAt))
                    .col(ColumnDef::new(Outbox::LastError).text().null())
                    .col(at(Outbox::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("outbox_pending")
                    .table(Outbox::Table)
                    .col(Outbox::DeliveredAt)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Outbox::Table.into_iden(),
            Messages::Table.into_iden(),
            Documents::Table.into_iden(),
            IdempotencyKeys::Table.into_iden(),
            RequestEvents::Table.into_iden(),
            RequestDepartments::Table.into_iden(),
            Requests::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
