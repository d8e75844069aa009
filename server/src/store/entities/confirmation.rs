use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "confirmations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub department: String,
    pub provider: String,
    pub month: String,
    pub token_hash: String,
    pub created_at: ChronoDateTimeUtc,
    pub created_by: i32,
    pub answer_by: ChronoDate,
    pub expires_at: ChronoDateTimeUtc,
    pub answered_at: Option<ChronoDateTimeUtc>,
    pub answered_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
