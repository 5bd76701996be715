//! The `ballot_item` table: an item on a meeting's frozen ballot, with the published counts and the chair's marks.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballot_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub agenda_item_id: Option<i64>,
    pub title: String,
    pub position: i32,
    pub paper_stickers: Option<i32>,
    pub phone_stickers: Option<i32>,
    pub rank: Option<i32>,
    pub chosen: bool,
    pub quick_win: bool,
    pub residents_act: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
