//! The `escalation` table: a stuck agreement on its way up the ladder.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "escalation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub team_id: i64,
    pub agreement_id: i64,
    /// Where it waits (or was decided): a group, or `None` for the team.
    pub group_id: Option<i64>,
    pub decided: bool,
    pub waiting: bool,
    pub raised_at: DateTimeUtc,
    pub changed_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
