//! The `meeting` table: a cycle's neighbourhood meeting: when and where, its state, the settings frozen for it, and the published result.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub team_id: i64,
    pub cycle_id: i64,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub venue: String,
    pub venue_address: String,
    pub accessibility: String,
    pub state: String,
    pub stickers: i32,
    pub priorities: i32,
    pub stack: bool,
    pub tie_rule: String,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub published_by: Option<i64>,
    pub attendees: Option<i32>,
    pub phone_voters: Option<i32>,
    pub stickers_used: Option<i32>,
    pub export_hash: Option<String>,
    pub chair_reason: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
