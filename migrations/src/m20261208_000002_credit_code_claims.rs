//! A business's credit code is not first come, first served. Anyone can register a real
//! business's public code; an administrator can now take it back from the account that holds
//! it (the business keeps its name, without a code, so it cannot file), and the owner who
//! finds the code taken claims it instead of meeting a dead end: a claim an administrator
//! grants or refuses. A department records that it checked the business licence (核验), so
//! the next department sees whether the account's business was verified.
//!
//! `businesses.credit_code` becomes nullable (a unique column: many may be without one).
//! SQLite cannot drop a NOT NULL, so there the table is rebuilt with its rows; PostgreSQL
//! alters the column. The other changes add a table and nullable columns.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Businesses {
    Table,
    UserId,
    CreditCode,
    BusinessName,
    EntityType,
    CreatedAt,
    VerifiedAt,
    VerifiedBy,
    VerifiedDepartment,
}

#[derive(DeriveIden)]
enum CreditCodeClaims {
    Table,
    Id,
    CreditCode,
    ClaimantId,
    BusinessName,
    EntityType,
    Statement,
    Status,
    FiledAt,
    DecidedAt,
    DecidedBy,
    Reason,
}

/// The rebuilt table's name while its rows are copied (SQLite).
const NEXT: &str = "businesses_next";
const CLAIMS_BY_STATE: &str = "credit_code_claims_state_filed";
const CLAIMS_BY_CLAIMANT: &str = "credit_code_claims_claimant";

fn businesses(name: DynIden, code_nullable: bool) -> TableCreateStatement {
    let mut code = ColumnDef::new(Businesses::CreditCode);
    code.string_len(18).unique_key();
    if code_nullable {
        code.null();
    } else {
        code.not_null();
    }
    Table::create()
        .table(name.clone())
        .col(
            ColumnDef::new(Businesses::UserId)
                .integer()
                .not_null()
                .primary_key(),
        )
        .col(code)
        .col(
            ColumnDef::new(Businesses::BusinessName)
                .string_len(256)
                .not_null(),
        )
        .col(
            ColumnDef::new(Businesses::EntityType)
                .string_len(32)
                .not_null(),
        )
        .col(
            ColumnDef::new(Businesses::CreatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .foreign_key(
            ForeignKey::create()
                .from(name, Businesses::UserId)
                .to(Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

/// SQLite: the table rebuilt as `create` makes it, its rows copied (`columns`). One batch on
/// one connection: a pooled connection that has not seen the old table dropped would refuse
/// the new one its name.
async fn rebuild(
    manager: &SchemaManager<'_>,
    create: TableCreateStatement,
    columns: &[Businesses],
) -> Result<(), DbErr> {
    let cols: Vec<DynIden> = columns.iter().map(|c| c.into_iden()).collect();
    let copy = Query::insert()
        .into_table(Alias::new(NEXT))
        .columns(cols.clone())
        .select_from(
            Query::select()
                .columns(cols)
                .from(Businesses::Table)
                .to_owned(),
        )
        .map_err(|e| DbErr::Migration(e.to_string()))?
        .to_owned();
    let batch = [
        create.to_string(SqliteQueryBuilder),
        copy.to_string(SqliteQueryBuilder),
        Table::drop()
            .table(Businesses::Table)
            .to_string(SqliteQueryBuilder),
        Table::rename()
            .table(Alias::new(NEXT), Businesses::Table)
            .to_string(SqliteQueryBuilder),
    ]
    .join(";\n");
    manager
        .get_connection()
        .execute_unprepared(&batch)
        .await
        .map(|_| ())
}

const KEPT: [Businesses; 5] = [
    Businesses::UserId,
    Businesses::CreditCode,
    Businesses::BusinessName,
    Businesses::EntityType,
    Businesses::CreatedAt,
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                rebuild(
                    manager,
                    businesses(Alias::new(NEXT).into_iden(), true),
                    &KEPT,
                )
                .await?
            }
            _ => {
                manager
                    .alter_table(
                        Table::alter()
                            .table(Businesses::Table)
                            .modify_column(
                                ColumnDef::new(Businesses::CreditCode).string_len(18).null(),
                            )
                            .to_owned(),
                    )
                    .await?
            }
        }
        // One column a statement: SQLite adds one at a time.
        for column in [
            ColumnDef::new(Businesses::VerifiedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Businesses::VerifiedBy)
                .integer()
                .null()
                .to_owned(),
            ColumnDef::new(Businesses::VerifiedDepartment)
                .string_len(64)
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Businesses::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(CreditCodeClaims::Table)
                    .col(
                        ColumnDef::new(CreditCodeClaims::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CreditCodeClaims::CreditCode)
                            .string_len(18)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CreditCodeClaims::ClaimantId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CreditCodeClaims::BusinessName)
                            .string_len(256)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CreditCodeClaims::EntityType)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CreditCodeClaims::Statement)
                            .string_len(2000)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CreditCodeClaims::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CreditCodeClaims::FiledAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CreditCodeClaims::DecidedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(CreditCodeClaims::DecidedBy).integer().null())
                    .col(
                        ColumnDef::new(CreditCodeClaims::Reason)
                            .string_len(1000)
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CreditCodeClaims::Table, CreditCodeClaims::ClaimantId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(CLAIMS_BY_STATE)
                    .table(CreditCodeClaims::Table)
                    .col(CreditCodeClaims::Status)
                    .col(CreditCodeClaims::FiledAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(CLAIMS_BY_CLAIMANT)
                    .table(CreditCodeClaims::Table)
                    .col(CreditCodeClaims::ClaimantId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CreditCodeClaims::Table).to_owned())
            .await?;
        // A business without a code cannot be kept under NOT NULL: its code was released or
        // is claimed, and the account is kept without its business.
        manager
            .get_connection()
            .execute_unprepared("DELETE FROM businesses WHERE credit_code IS NULL")
            .await?;
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                rebuild(
                    manager,
                    businesses(Alias::new(NEXT).into_iden(), false),
                    &KEPT,
                )
                .await
            }
            _ => {
                for column in [
                    Businesses::VerifiedAt,
                    Businesses::VerifiedBy,
                    Businesses::VerifiedDepartment,
                ] {
                    manager
                        .alter_table(
                            Table::alter()
                                .table(Businesses::Table)
                                .drop_column(column)
                                .to_owned(),
                        )
                        .await?;
                }
                manager
                    .alter_table(
                        Table::alter()
                            .table(Businesses::Table)
                            .modify_column(
                                ColumnDef::new(Businesses::CreditCode)
                                    .string_len(18)
                                    .not_null(),
                            )
                            .to_owned(),
                    )
                    .await
            }
        }
    }
}
