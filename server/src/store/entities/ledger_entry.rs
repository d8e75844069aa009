use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    pub kind: String,
    pub amount_fen: i64,
    pub happened_on: Date,
    pub month: Option<String>,
    pub due_on: Option<Date>,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub reverses: Option<i32>,
    pub reverses_kind: Option<String>,
    pub department: String,
    pub jurisdiction: Option<String>,
    pub recorded_at: ChronoDateTimeUtc,
    pub recorded_by: i32,
    pub recorded_role: String,
    pub idempotency_key: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
