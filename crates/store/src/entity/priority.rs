//! The `priority` table: a priority a published meeting chose, open until a later meeting marks it done.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "priority")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub team_id: i64,
    pub cycle_id: i64,
    pub meeting_id: i64,
    pub ballot_item_id: i64,
    pub agenda_item_id: Option<i64>,
    pub title: String,
    pub rank: i32,
    pub quick_win: bool,
    pub residents_act: bool,
    pub status: String,
    pub closed_in_cycle_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
