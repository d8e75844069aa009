use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    pub at: ChronoDateTimeUtc,
    pub actor_id: i32,
    pub actor_role: String,
    pub kind: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub comment: Option<String>,
    pub documents: String,
    pub rules_revision: Option<i32>,
    pub due_on: Option<ChronoDate>,
    pub paused_working_days: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
