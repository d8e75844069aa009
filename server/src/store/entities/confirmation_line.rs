use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "confirmation_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub confirmation_id: i32,
    pub request_id: i32,
    pub opening_id: i32,
    pub expected_fen: i64,
    pub state: String,
    pub confirmed_fen: Option<i64>,
    pub confirmed_on: Option<ChronoDate>,
    pub reason: Option<String>,
    pub entry_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
