//! The `paper_count` table: one version of a meeting's paper count.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "paper_count")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub version: i32,
    pub attendees: i32,
    pub reason: Option<String>,
    pub entered_by: i64,
    pub entered_at: DateTimeUtc,
    pub confirmed_by: Option<i64>,
    pub confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
