//! The `concern` table: what residents worry about. The exact point is for staff only; the
//! resident's contact details are in `concern_contact`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "concern")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub team_id: i64,
    pub neighbourhood_id: i64,
    pub cycle_id: i64,
    pub client_id: String,
    pub reference: String,
    pub category_id: i64,
    #[sea_orm(column_type = "Text")]
    pub what: String,
    pub street_id: Option<i64>,
    pub house_from: Option<i32>,
    pub house_to: Option<i32>,
    pub landmark: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub days: i32,
    pub day_parts: i32,
    pub since: Option<String>,
    pub channel: String,
    pub residents: i32,
    pub quick_win: bool,
    pub urgent: bool,
    pub sensitivity: String,
    pub status: String,
    pub agenda_item_id: Option<i64>,
    pub routed_to_organisation_id: Option<i64>,
    pub routed_at: Option<DateTimeUtc>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
