//! The `agreement` table: who does what by when for a priority.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub team_id: i64,
    pub priority_id: i64,
    pub client_id: String,
    pub what: String,
    pub owner_person_id: Option<i64>,
    pub owner_department_id: Option<i64>,
    pub owner_residents: Option<String>,
    pub target_on: Date,
    pub promised_on: Date,
    pub hard_on: Option<Date>,
    pub state: String,
    pub closed_on: Option<Date>,
    pub sensitivity: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
