use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "businesses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    /// `None` while the account's claim waits, or after an administrator released it.
    #[sea_orm(unique)]
    pub credit_code: Option<String>,
    pub business_name: String,
    pub entity_type: String,
    pub created_at: ChronoDateTimeUtc,
    /// When a department recorded that the licence matches (核验).
    pub verified_at: Option<ChronoDateTimeUtc>,
    pub verified_by: Option<i32>,
    pub verified_department: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
