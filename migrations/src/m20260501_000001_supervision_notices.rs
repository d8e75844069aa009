//! 督办: supervision notices to departments about their overdue requests, the requests each
//! lists, and every step of each notice (append-only history).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupervisionNotices {
    Table,
    Id,
    Department,
    Status,
    Message,
    Deadline,
    RequestedDeadline,
    IssuedBy,
    IssuedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SupervisionNoticeRequests {
    Table,
    NoticeId,
    RequestId,
}

#[derive(DeriveIden)]
enum SupervisionNoticeEvents {
    Table,
    Id,
    NoticeId,
    At,
    ActorId,
    ActorRole,
    Kind,
    FromStatus,
    ToStatus,
    Comment,
    Deadline,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    ActorId,
    Action,
    At,
    Id,
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

fn text<T: IntoIden>(name: T, len: u32) -> ColumnDef {
    ColumnDef::new(name).string_len(len).not_null().to_owned()
}

fn at<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SupervisionNotices::Table)
                    .col(id_col(SupervisionNotices::Id))
                    .col(text(SupervisionNotices::Department, 32))
                    .col(text(SupervisionNotices::Status, 32))
                    .col(
                        ColumnDef::new(SupervisionNotices::Message)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SupervisionNotices::Deadline)
                            .date()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SupervisionNotices::RequestedDeadline)
                            .date()
                            .null(),
                    )
                    .col(int(SupervisionNotices::IssuedBy))
                    .col(at(SupervisionNotices::IssuedAt))
                    .col(at(SupervisionNotices::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("supervision_notices_department")
                    .table(SupervisionNotices::Table)
                    .col(SupervisionNotices::Department)
                    .col(SupervisionNotices::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SupervisionNoticeRequests::Table)
                    .col(int(SupervisionNoticeRequests::NoticeId))
                    .col(int(SupervisionNoticeRequests::RequestId))
                    .primary_key(
                        Index::create()
                            .col(SupervisionNoticeRequests::NoticeId)
                            .col(SupervisionNoticeRequests::RequestId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                SupervisionNoticeRequests::Table,
                                SupervisionNoticeRequests::NoticeId,
                            )
                            .to(SupervisionNotices::Table, SupervisionNotices::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                SupervisionNoticeRequests::Table,
                                SupervisionNoticeRequests::RequestId,
                            )
                            .to(Requests::Table, Requests::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SupervisionNoticeEvents::Table)
                    .col(id_col(SupervisionNoticeEvents::Id))
                    .col(int(SupervisionNoticeEvents::NoticeId))
                    .col(at(SupervisionNoticeEvents::At))
                    .col(int(SupervisionNoticeEvents::ActorId))
                    .col(text(SupervisionNoticeEvents::ActorRole, 16))
                    .col(text(SupervisionNoticeEvents::Kind, 32))
                    .col(
                        ColumnDef::new(SupervisionNoticeEvents::FromStatus)
                            .string_len(32)
                            .null(),
                    )
                    .col(text(SupervisionNoticeEvents::ToStatus, 32))
                    .col(
                        ColumnDef::new(SupervisionNoticeEvents::Comment)
                            .text()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(SupervisionNoticeEvents::Deadline)
                            .date()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                SupervisionNoticeEvents::Table,
                                SupervisionNoticeEvents::NoticeId,
                            )
                            .to(SupervisionNotices::Table, SupervisionNotices::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("supervision_notice_events_notice")
                    .table(SupervisionNoticeEvents::Table)
                    .col(SupervisionNoticeEvents::NoticeId)
                    .to_owned(),
            )
            .await?;
        // The audit log is read by administrators, filtered by actor and by action.
        for (name, col) in [
            ("audit_log_actor", AuditLog::ActorId),
            ("audit_log_action", AuditLog::Action),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditLog::Table)
                        .col(col)
                        .col(AuditLog::Id)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("audit_log_at")
                    .table(AuditLog::Table)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["audit_log_actor", "audit_log_action", "audit_log_at"] {
            manager
                .drop_index(Index::drop().name(name).table(AuditLog::Table).to_owned())
                .await?;
        }
        for t in [
            SupervisionNoticeEvents::Table.into_iden(),
            SupervisionNoticeRequests::Table.into_iden(),
            SupervisionNotices::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
