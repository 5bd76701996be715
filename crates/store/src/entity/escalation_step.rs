//! The `escalation_step` table: one step of an escalation.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "escalation_step")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub escalation_id: i64,
    pub at: DateTimeUtc,
    pub actor: String,
    pub person_id: Option<i64>,
    pub step: String,
    pub from_group_id: Option<i64>,
    pub to_group_id: Option<i64>,
    pub body: String,
    pub agreement_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
