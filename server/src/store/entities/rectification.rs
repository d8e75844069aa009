use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rectifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub rating_id: i32,
    pub request_id: i32,
    pub department: String,
    pub jurisdiction: Option<String>,
    pub opened_on: Date,
    pub due_on: Date,
    pub state: String,
    pub resolution: Option<String>,
    pub closed_at: Option<ChronoDateTimeUtc>,
    pub closed_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
