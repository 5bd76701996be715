//! The `phone_ballot_line` table: the stickers of one phone ballot on one ballot item.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "phone_ballot_line")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub phone_ballot_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub ballot_item_id: i64,
    pub stickers: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::phone_ballot::Entity",
        from = "Column::PhoneBallotId",
        to = "super::phone_ballot::Column::Id"
    )]
    PhoneBallot,
}

impl Related<super::phone_ballot::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PhoneBallot.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
