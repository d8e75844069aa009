use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ratings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    pub owner_id: i32,
    pub level: i32,
    pub indicators: String,
    pub comment: Option<String>,
    pub rated_at: ChronoDateTimeUtc,
    pub department: String,
    pub jurisdiction: Option<String>,
    pub standing: String,
    pub appeal: Option<String>,
    pub appealed_at: Option<ChronoDateTimeUtc>,
    pub appealed_by: Option<i32>,
    pub review_note: Option<String>,
    pub reviewed_at: Option<ChronoDateTimeUtc>,
    pub reviewed_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
