//! The `address` table: one row per address (BAG nummeraanduiding). An address alone is not
//! personal data: no name of a resident is ever stored with it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "address")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub street_id: i64,
    pub neighbourhood_id: Option<i64>,
    pub postcode: String,
    pub house_number: i32,
    /// Empty when there is none, so that the unique key works on both backends.
    pub house_letter: String,
    /// Empty when there is none.
    pub addition: String,
    pub cbs_buurt_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub is_demo: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
