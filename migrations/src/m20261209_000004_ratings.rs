//! 好差评: one rating per decided request, by its owner; the two lowest levels open a
//! rectification for the department that decided, with its last day; a department's appeal
//! (申诉) and the supervising office's review are kept on the rating.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Ratings {
    Table,
    Id,
    RequestId,
    OwnerId,
    Level,
    Indicators,
    Comment,
    RatedAt,
    Department,
    Jurisdiction,
    Standing,
    Appeal,
    AppealedAt,
    AppealedBy,
    ReviewNote,
    ReviewedAt,
    ReviewedBy,
}

#[derive(DeriveIden)]
enum Rectifications {
    Table,
    Id,
    RatingId,
    RequestId,
    Department,
    Jurisdiction,
    OpenedOn,
    DueOn,
    State,
    Resolution,
    ClosedAt,
    ClosedBy,
}

const RATINGS_BY_DEPARTMENT: &str = "ratings_department";
const RECTIFICATIONS_BY_DEPARTMENT: &str = "rectifications_department_state";

fn text(c: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(c).string_len(len).null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Ratings::Table)
                    .col(
                        ColumnDef::new(Ratings::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Ratings::RequestId)
                            .integer()
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Ratings::OwnerId).integer().not_null())
                    .col(ColumnDef::new(Ratings::Level).integer().not_null())
                    .col(
                        ColumnDef::new(Ratings::Indicators)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(text(Ratings::Comment, 500))
                    .col(
                        ColumnDef::new(Ratings::RatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Ratings::Department)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(text(Ratings::Jurisdiction, 32))
                    .col(ColumnDef::new(Ratings::Standing).string_len(16).not_null())
                    .col(text(Ratings::Appeal, 500))
                    .col(
                        ColumnDef::new(Ratings::AppealedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Ratings::AppealedBy).integer().null())
                    .col(text(Ratings::ReviewNote, 500))
                    .col(
                        ColumnDef::new(Ratings::ReviewedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Ratings::ReviewedBy).integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Ratings::Table, Ratings::RequestId)
                            .to(Requests::Table, Requests::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(RATINGS_BY_DEPARTMENT)
                    .table(Ratings::Table)
                    .col(Ratings::Department)
                    .col(Ratings::RatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Rectifications::Table)
                    .col(
                        ColumnDef::new(Rectifications::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Rectifications::RatingId)
                            .integer()
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Rectifications::RequestId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Rectifications::Department)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(text(Rectifications::Jurisdiction, 32))
                    .col(ColumnDef::new(Rectifications::OpenedOn).date().not_null())
                    .col(ColumnDef::new(Rectifications::DueOn).date().not_null())
                    .col(
                        ColumnDef::new(Rectifications::State)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(text(Rectifications::Resolution, 500))
                    .col(
                        ColumnDef::new(Rectifications::ClosedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Rectifications::ClosedBy).integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Rectifications::Table, Rectifications::RatingId)
                            .to(Ratings::Table, Ratings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(RECTIFICATIONS_BY_DEPARTMENT)
                    .table(Rectifications::Table)
                    .col(Rectifications::Department)
                    .col(Rectifications::State)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Rectifications::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Ratings::Table).to_owned())
            .await
    }
}
