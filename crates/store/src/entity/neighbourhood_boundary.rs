//! The `neighbourhood_boundary` table: a neighbourhood's outline as a GeoJSON geometry.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "neighbourhood_boundary")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub neighbourhood_id: i64,
    pub municipality_id: i64,
    #[sea_orm(column_type = "Text")]
    pub geojson: String,
    pub is_demo: bool,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
