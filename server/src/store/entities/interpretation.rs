use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interpretations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub measure: String,
    pub lang: String,
    pub version: i32,
    pub title: String,
    pub body: String,
    pub published_at: ChronoDateTimeUtc,
    pub published_by: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
