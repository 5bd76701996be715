//! Safer Neighbourhoods teams and the neighbourhoods they cover.

use domain::{MunicipalityId, NeighbourhoodId, Slug, TeamId};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entity::{team, team_neighbourhood};
use crate::error::{DbError, DbResult};

/// Finds the team by slug in the municipality, or creates it.
pub async fn ensure_team(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
    slug: &Slug,
    name: &str,
) -> DbResult<TeamId> {
    let found = team::Entity::find()
        .filter(team::Column::MunicipalityId.eq(municipality.get()))
        .filter(team::Column::Slug.eq(slug.as_str()))
        .one(conn)
        .await?;
    if let Some(row) = found {
        return Ok(TeamId(row.id));
    }
    let row = team::ActiveModel {
        municipality_id: Set(municipality.get()),
        name: Set(name.to_owned()),
        slug: Set(slug.as_str().to_owned()),
        ..Default::default()
    };
    Ok(TeamId(super::insert_returning_id(conn, row).await?))
}

/// Records that the team covers the neighbourhood; does nothing if it already does.
pub async fn ensure_coverage(
    conn: &impl ConnectionTrait,
    team: TeamId,
    neighbourhood: NeighbourhoodId,
) -> DbResult<()> {
    let found = team_neighbourhood::Entity::find_by_id((team.get(), neighbourhood.get()))
        .one(conn)
        .await?;
    if found.is_some() {
        return Ok(());
    }
    let row = team_neighbourhood::ActiveModel {
        team_id: Set(team.get()),
        neighbourhood_id: Set(neighbourhood.get()),
    };
    team_neighbourhood::Entity::insert(row)
        .exec_without_returning(conn)
        .await
        .map_err(DbError::from_driver)?;
    Ok(())
}

/// How many teams a municipality has.
pub async fn count_teams(
    conn: &impl ConnectionTrait,
    municipality: MunicipalityId,
) -> DbResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(team::Entity::find()
        .filter(team::Column::MunicipalityId.eq(municipality.get()))
        .count(conn)
        .await?)
}
