//! The `concern_contact` table: how to reach the resident behind a concern, only with their
//! recorded consent and purpose, purged when that purpose ends. Personal data throughout.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "concern_contact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub concern_id: i64,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub purpose: String,
    pub consent_at: DateTimeUtc,
    pub purge_after: DateTimeUtc,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConcernContact")
            .field("concern_id", &self.concern_id)
            .field("purpose", &self.purpose)
            .finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
