use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_receipts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    pub entry_id: i32,
    pub received: bool,
    pub note: Option<String>,
    pub answered_at: ChronoDateTimeUtc,
    pub owner_id: i32,
    pub department: String,
    pub jurisdiction: Option<String>,
    pub resolved_at: Option<ChronoDateTimeUtc>,
    pub resolved_by: Option<i32>,
    pub resolution: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
