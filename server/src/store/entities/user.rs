use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub phone: String,
    #[sea_orm(column_type = "Text")]
    pub password_hash: String,
    pub role: String,
    pub department_id: Option<String>,
    #[sea_orm(unique)]
    pub wechat_openid: Option<String>,
    pub disabled_at: Option<ChronoDateTimeUtc>,
    /// A staff member's name (张三); owners have none.
    pub name: Option<String>,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
