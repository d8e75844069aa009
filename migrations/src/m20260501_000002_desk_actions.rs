//! The desk's actions: saved comment phrases (常用语) per department, and the official a
//! request was handed over to.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CommentPhrases {
    Table,
    Id,
    Department,
    Text,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    AssigneeId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommentPhrases::Table)
                    .col(
                        ColumnDef::new(CommentPhrases::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CommentPhrases::Department)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CommentPhrases::Text).text().not_null())
                    .col(
                        ColumnDef::new(CommentPhrases::CreatedBy)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CommentPhrases::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CommentPhrases::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("comment_phrases_department")
                    .table(CommentPhrases::Table)
                    .col(CommentPhrases::Department)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Requests::Table)
                    .add_column(ColumnDef::new(Requests::AssigneeId).integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Requests::Table)
                    .drop_column(Requests::AssigneeId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(CommentPhrases::Table).to_owned())
            .await
    }
}
