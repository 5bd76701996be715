//! Neighbourhood boundaries, and the names by which imports refer to neighbourhoods (slug
//! and CBS buurt code).

use domain::address::BuurtCode;
use domain::boundary::Boundary;
use domain::{MunicipalityId, NeighbourhoodId, Slug};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::entity::{neighbourhood, neighbourhood_boundary};
use crate::error::{DbError, DbResult};

/// How an import may name a neighbourhood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeighbourhoodRef {
    /// Key.
    pub id: NeighbourhoodId,
    /// URL name.
    pub slug: Slug,
    /// CBS buurt code, when it has a valid one.
    pub cbs_code: Option<BuurtCode>,
}

/// Every neighbourhood of the municipality, oldest first.
pub async fn neighbourhood_refs(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<Vec<NeighbourhoodRef>> {
    let rows = neighbourhood::Entity::find()
        .filter(neighbourhood::Column::MunicipalityId.eq(municipality.get()))
        .order_by_asc(neighbourhood::Column::Id)
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|row| {
            let slug = row
                .slug
                .parse()
                .map_err(|e| DbError::Conflict(format!("stored slug {:?}: {e}", row.slug)))?;
            Ok(NeighbourhoodRef {
                id: NeighbourhoodId(row.id),
                slug,
                cbs_code: row.cbs_code.and_then(|c| c.parse().ok()),
            })
        })
        .collect()
}

/// A stored boundary.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredBoundary {
    /// Whose.
    pub neighbourhood: NeighbourhoodId,
    /// The outline.
    pub boundary: Boundary,
    /// An approximate outline from the demo data.
    pub is_demo: bool,
}

/// Every boundary of the municipality, by neighbourhood id.
pub async fn boundaries(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<Vec<StoredBoundary>> {
    let rows = neighbourhood_boundary::Entity::find()
        .filter(neighbourhood_boundary::Column::MunicipalityId.eq(municipality.get()))
        .order_by_asc(neighbourhood_boundary::Column::NeighbourhoodId)
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|row| {
            let boundary = Boundary::from_geojson(&row.geojson).map_err(|e| {
                DbError::Conflict(format!(
                    "stored boundary of neighbourhood {}: {e:?}",
                    row.neighbourhood_id
                ))
            })?;
            Ok(StoredBoundary {
                neighbourhood: NeighbourhoodId(row.neighbourhood_id),
                boundary,
                is_demo: row.is_demo,
            })
        })
        .collect()
}

/// Sets (or replaces) the boundary of a neighbourhood of the municipality.
pub async fn save_boundary(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    neighbourhood: NeighbourhoodId,
    boundary: &Boundary,
    is_demo: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> DbResult<()> {
    let exists = neighbourhood_boundary::Entity::find_by_id(neighbourhood.get())
        .one(conn)
        .await?
        .is_some();
    let row = neighbourhood_boundary::ActiveModel {
        neighbourhood_id: Set(neighbourhood.get()),
        municipality_id: Set(municipality.get()),
        geojson: Set(boundary.to_geojson()),
        is_demo: Set(is_demo),
        updated_at: Set(now),
    };
    if exists {
        neighbourhood_boundary::Entity::update(row)
            .exec(conn)
            .await
            .map_err(DbError::from_driver)?;
    } else {
        neighbourhood_boundary::Entity::insert(row)
            .exec_without_returning(conn)
            .await
            .map_err(DbError::from_driver)?;
    }
    Ok(())
}
