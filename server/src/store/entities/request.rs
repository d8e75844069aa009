use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub number: Option<String>,
    pub owner_id: i32,
    pub measure: String,
    pub kind: String,
    pub status: String,
    pub version: i32,
    pub jurisdiction: Option<String>,
    pub routed_jurisdiction: Option<String>,
    pub catalog_version: String,
    pub answers: String,
    pub payload: String,
    pub grant: Option<String>,
    pub due_on: ChronoDate,
    pub open_key: Option<String>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    pub assignee_id: Option<i32>,
    pub paused_on: Option<ChronoDate>,
    pub lead_department: Option<String>,
    /// The source code of the link the request was filed from.
    pub source: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
