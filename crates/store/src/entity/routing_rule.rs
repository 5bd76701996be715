//! The `routing_rule` table: where an urgent concern of a category (in a neighbourhood, or
//! anywhere) goes at once, and the mailbox that hears of it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "routing_rule")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub category_id: i64,
    pub neighbourhood_id: Option<i64>,
    pub organisation_id: i64,
    pub department_id: Option<i64>,
    pub email: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
