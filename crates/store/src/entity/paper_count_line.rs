//! The `paper_count_line` table: the stickers counted on paper for one ballot item in one version.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "paper_count_line")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub paper_count_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub ballot_item_id: i64,
    pub stickers: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
