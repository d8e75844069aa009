//! Accounts: the departments and jurisdictions of the plan (seeded), users and their
//! businesses, officials' jurisdictions, sign-in sessions with their rotating refresh
//! tokens (stored hashed), the audit log and the counters behind the abuse limits.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Departments {
    Table,
    Id,
    NameZh,
    NameEn,
}

#[derive(DeriveIden)]
enum Jurisdictions {
    Table,
    Id,
    NameZh,
    NameEn,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Phone,
    PasswordHash,
    Role,
    DepartmentId,
    WechatOpenid,
    DisabledAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Businesses {
    Table,
    UserId,
    CreditCode,
    BusinessName,
    EntityType,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OfficialJurisdictions {
    Table,
    UserId,
    JurisdictionId,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    CreatedAt,
    RevokedAt,
    RevokedReason,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    TokenHash,
    SessionId,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    ActorRole,
    Action,
    TargetId,
    PhoneMasked,
    ClientAddr,
    Detail,
}

#[derive(DeriveIden)]
enum AuthAttempts {
    Table,
    Id,
    Scope,
    KeyHash,
    At,
}

/// The departments named in the plan (ids as `shared::catalog::DepartmentId`).
const DEPARTMENTS: &[(&str, &str, &str)] = &[
    (
        "housing",
        "州住房和城乡建设局",
        "Prefecture Housing and Urban-Rural Development Bureau",
    ),
    (
        "ndrc",
        "州发展和改革委员会",
        "Prefecture Development and Reform Commission",
    ),
    ("water", "州水利局", "Prefecture Water Resources Bureau"),
    (
        "market",
        "州市场监督管理局",
        "Prefecture Market Regulation Administration",
    ),
    (
        "state_grid",
        "国网巴州供电公司",
        "State Grid Bayingolin Power Supply Company",
    ),
    (
        "trading_center",
        "州政务服务和公共资源交易中心",
        "Prefecture Government Services and Public Resources Trading Centre",
    ),
    (
        "sasac",
        "州国有资产监督管理委员会",
        "Prefecture State-owned Assets Supervision and Administration Commission",
    ),
    ("finance", "州财政局", "Prefecture Finance Bureau"),
    (
        "offices_admin",
        "州机关事务管理局",
        "Prefecture Government Offices Administration",
    ),
    ("transport", "州交通运输局", "Prefecture Transport Bureau"),
    ("tax", "州税务局", "Prefecture Taxation Bureau"),
    (
        "hrss",
        "人力资源和社会保障局",
        "Human Resources and Social Security Bureau",
    ),
    (
        "county_government",
        "县市人民政府、库尔勒经济技术开发区管委会",
        "County and city governments, KETDZ management committee",
    ),
    (
        "supervision_office",
        "就业工作领导小组办公室",
        "Office of the Employment Work Leading Group",
    ),
];

/// The county-level units of the prefecture (ids as `shared::answers::JurisdictionId`).
const JURISDICTIONS: &[(&str, &str, &str)] = &[
    ("korla", "库尔勒市", "Korla"),
    ("luntai", "轮台县", "Luntai County"),
    ("yuli", "尉犁县", "Yuli County"),
    ("ruoqiang", "若羌县", "Ruoqiang County"),
    ("qiemo", "且末县", "Qiemo County"),
    ("yanqi", "焉耆回族自治县", "Yanqi Hui Autonomous County"),
    ("hejing", "和静县", "Hejing County"),
    ("hoxud", "和硕县", "Hoxud County"),
    ("bohu", "博湖县", "Bohu County"),
    (
        "ketdz",
        "库尔勒经济技术开发区",
        "Korla Economic and Technological Development Zone",
    ),
];

fn id_col<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Departments::Table)
                    .col(text(Departments::Id, 32).primary_key())
                    .col(text(Departments::NameZh, 128))
                    .col(text(Departments::NameEn, 128))
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert()
            .into_table(Departments::Table)
            .columns([Departments::Id, Departments::NameZh, Departments::NameEn])
            .to_owned();
        for (id, zh, en) in DEPARTMENTS {
            insert
                .values([(*id).into(), (*zh).into(), (*en).into()])
                .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        manager.exec_stmt(insert).await?;

        manager
            .create_table(
                Table::create()
                    .table(Jurisdictions::Table)
                    .col(text(Jurisdictions::Id, 32).primary_key())
                    .col(text(Jurisdictions::NameZh, 128))
                    .col(text(Jurisdictions::NameEn, 128))
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert()
            .into_table(Jurisdictions::Table)
            .columns([
                Jurisdictions::Id,
                Jurisdictions::NameZh,
                Jurisdictions::NameEn,
            ])
            .to_owned();
        for (id, zh, en) in JURISDICTIONS {
            insert
                .values([(*id).into(), (*zh).into(), (*en).into()])
                .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        manager.exec_stmt(insert).await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(id_col(Users::Id))
                    .col(text(Users::Phone, 16).unique_key())
                    .col(ColumnDef::new(Users::PasswordHash).text().not_null())
                    .col(text(Users::Role, 16))
                    .col(text_null(Users::DepartmentId, 32))
                    .col(text_null(Users::WechatOpenid, 128).unique_key())
                    .col(at_null(Users::DisabledAt))
                    .col(at(Users::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::DepartmentId)
                            .to(Departments::Table, Departments::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Businesses::Table)
                    .col(
                        ColumnDef::new(Businesses::UserId)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(text(Businesses::CreditCode, 18).unique_key())
                    .col(text(Businesses::BusinessName, 256))
                    .col(text(Businesses::EntityType, 32))
                    .col(at(Businesses::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Businesses::Table, Businesses::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OfficialJurisdictions::Table)
                    .col(
                        ColumnDef::new(OfficialJurisdictions::UserId)
                            .integer()
                            .not_null(),
                    )
                    .col(text(OfficialJurisdictions::JurisdictionId, 32))
                    .primary_key(
                        Index::create()
                            .col(OfficialJurisdictions::UserId)
                            .col(OfficialJurisdictions::JurisdictionId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OfficialJurisdictions::Table, OfficialJurisdictions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                OfficialJurisdictions::Table,
                                OfficialJurisdictions::JurisdictionId,
                            )
                            .to(Jurisdictions::Table, Jurisdictions::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(text(Sessions::Id, 64).primary_key())
                    .col(ColumnDef::new(Sessions::UserId).integer().not_null())
                    .col(at(Sessions::CreatedAt))
                    .col(at_null(Sessions::RevokedAt))
                    .col(text_null(Sessions::RevokedReason, 32))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_user")
                    .table(Sessions::Table)
                    .col(Sessions::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshTokens::Table)
                    .col(text(RefreshTokens::TokenHash, 64).primary_key())
                    .col(text(RefreshTokens::SessionId, 64))
                    .col(at(RefreshTokens::CreatedAt))
                    .col(at(RefreshTokens::ExpiresAt))
                    .col(at_null(RefreshTokens::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RefreshTokens::Table, RefreshTokens::SessionId)
                            .to(Sessions::Table, Sessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(id_col(AuditLog::Id))
                    .col(at(AuditLog::At))
                    .col(ColumnDef::new(AuditLog::ActorId).integer().null())
                    .col(text_null(AuditLog::ActorRole, 16))
                    .col(text(AuditLog::Action, 32))
                    .col(ColumnDef::new(AuditLog::TargetId).integer().null())
                    .col(text_null(AuditLog::PhoneMasked, 16))
                    .col(text_null(AuditLog::ClientAddr, 64))
                    .col(text_null(AuditLog::Detail, 256))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_at")
                    .table(AuditLog::Table)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuthAttempts::Table)
                    .col(id_col(AuthAttempts::Id))
                    .col(text(AuthAttempts::Scope, 32))
                    .col(text(AuthAttempts::KeyHash, 64))
                    .col(at(AuthAttempts::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_auth_attempts_key")
                    .table(AuthAttempts::Table)
                    .col(AuthAttempts::Scope)
                    .col(AuthAttempts::KeyHash)
                    .col(AuthAttempts::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuthAttempts::Table.into_iden(),
            AuditLog::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            OfficialJurisdictions::Table.into_iden(),
            Businesses::Table.into_iden(),
            Users::Table.into_iden(),
            Jurisdictions::Table.into_iden(),
            Departments::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
