use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credit_code_claims")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub credit_code: String,
    pub claimant_id: i32,
    pub business_name: String,
    pub entity_type: String,
    pub statement: String,
    pub status: String,
    pub filed_at: ChronoDateTimeUtc,
    pub decided_at: Option<ChronoDateTimeUtc>,
    pub decided_by: Option<i32>,
    pub reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
