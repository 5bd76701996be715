//! The `team_settings` table: a team's meeting settings (absent: the defaults).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "team_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub team_id: i64,
    pub municipality_id: i64,
    pub cycle_weeks: i32,
    pub stickers: i32,
    pub priorities: i32,
    pub stack: bool,
    pub tie_rule: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
