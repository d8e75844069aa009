use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision_notice_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub notice_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub request_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
