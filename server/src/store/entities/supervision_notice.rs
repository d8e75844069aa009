use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision_notices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub department: String,
    pub status: String,
    pub message: String,
    pub deadline: ChronoDate,
    pub requested_deadline: Option<ChronoDate>,
    pub issued_by: i32,
    pub issued_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
