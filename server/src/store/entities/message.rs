use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub request_id: i32,
    pub status: String,
    pub at: ChronoDateTimeUtc,
    pub read_at: Option<ChronoDateTimeUtc>,
    pub reminder_due_on: Option<Date>,
    pub reminder_fen: Option<i64>,
    pub reminder_days: Option<i32>,
    pub reminder_utility: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
